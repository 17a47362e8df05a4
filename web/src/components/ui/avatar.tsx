import { useState } from 'react';
import styles from '@/components/ui/avatar.module.css';
import { initials } from '@/lib/format';

/** The user's picture, or their initials when there is none or it fails to load. */
export function Avatar({ name, email, src, size = 28 }: { name: string; email?: string; src?: string | null; size?: number }) {
  const [failed, setFailed] = useState<string | null>(null);
  const showImage = src && failed !== src;
  return (
    <span className={styles.avatar} style={{ width: size, height: size, fontSize: size * 0.38 }} aria-hidden="true">
      {showImage ? <img src={src} alt="" onError={() => setFailed(src)} referrerPolicy="no-referrer" /> : initials(name, email)}
    </span>
  );
}
