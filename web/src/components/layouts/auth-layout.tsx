import type { ReactNode } from 'react';
import styles from '@/components/layouts/auth-layout.module.css';
import { Logo } from '@/components/layouts/logo';

export function AuthLayout({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <div className={styles.page}>
      <aside className={styles.aside} aria-label="About Godwit">
        <span className={styles.brand}>
          <Logo size={32} /> Godwit
        </span>
        <div className={styles.pitch}>
          <h2>Move schemas and data between databases, with nothing lost on the way.</h2>
          <ul>
            <li>Upload DDL from Oracle, SQL Server, Teradata and more</li>
            <li>Map types with every loss called out</li>
            <li>Generate target code and prove the data matches</li>
          </ul>
        </div>
        <p className={styles.foot}>Open-source schema and data migration workbench</p>
      </aside>
      <main className={styles.content}>
        <div className={styles.panel}>
          <div className={styles.heading}>
            <h1>{title}</h1>
            {subtitle ? <p className="muted">{subtitle}</p> : null}
          </div>
          {children}
        </div>
      </main>
    </div>
  );
}
