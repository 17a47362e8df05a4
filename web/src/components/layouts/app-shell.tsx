// The signed-in frame: skip link, top bar with navigation and the user, and <main>.
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import type { User } from '@/api/types';
import { Avatar } from '@/components/ui/avatar';
import styles from '@/components/layouts/app-shell.module.css';
import { Logo } from '@/components/layouts/logo';

export type NavItem = { to: string; label: string };

export function AppShell({
  user,
  nav,
  profileHref,
  onSignOut,
  signingOut = false,
  children,
}: {
  user: User;
  nav: readonly NavItem[];
  profileHref: string;
  onSignOut: () => void;
  signingOut?: boolean;
  children: ReactNode;
}) {
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  // After a client-side navigation, screen readers start at the new page's content.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <>
      <a href="#main" className={styles.skip}>
        Skip to content
      </a>
      <header className={styles.header}>
        <div className={styles.headerInner}>
          <Link to="/" className={styles.brand}>
            <Logo />
            Godwit
          </Link>
          <nav className={styles.nav} aria-label="Main">
            {nav.map((item) => (
              <NavLink key={item.to} to={item.to} className={styles.navLink}>
                {item.label}
              </NavLink>
            ))}
          </nav>
          <div className={styles.user}>
            <Link to={profileHref} className={styles.userLink}>
              <Avatar name={user.name} email={user.email} src={user.picture_url} />
              <span className={styles.userName}>{user.name || user.email}</span>
              <span className="visually-hidden"> (your profile)</span>
            </Link>
            <button type="button" className={styles.signOut} onClick={onSignOut} disabled={signingOut}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} className={styles.main} tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
