// Tabs for the platforms (WAI-ARIA tabs: arrow keys, Home and End move between them).
import { useRef, type KeyboardEvent } from 'react';
import styles from '@/features/codegen/components/codegen.module.css';
import type { PlatformInfo } from '@/features/codegen/lib/platforms';
import type { Platform } from '@/features/codegen/types';

type Props = {
  platforms: readonly PlatformInfo[];
  selected: Platform;
  onSelect: (p: Platform) => void;
  badge: (p: Platform) => string | null;
};

export const tabId = (p: Platform) => `codegen-tab-${p}`;
export const panelId = (p: Platform) => `codegen-panel-${p}`;

export function PlatformTabs({ platforms, selected, onSelect, badge }: Props) {
  const refs = useRef(new Map<Platform, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = platforms.findIndex((p) => p.id === selected);
    const next =
      event.key === 'ArrowRight' ? (index + 1) % platforms.length
      : event.key === 'ArrowLeft' ? (index - 1 + platforms.length) % platforms.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? platforms.length - 1
      : -1;
    if (next < 0) return;
    event.preventDefault();
    const target = platforms[next]!.id;
    onSelect(target);
    refs.current.get(target)?.focus();
  };
  return (
    <div role="tablist" aria-label="Platforms" className={styles.tabs} onKeyDown={onKeyDown}>
      {platforms.map((p) => {
        const count = badge(p.id);
        return (
          <button
            key={p.id}
            ref={(el) => {
              if (el) refs.current.set(p.id, el);
              else refs.current.delete(p.id);
            }}
            type="button"
            role="tab"
            id={tabId(p.id)}
            aria-selected={selected === p.id}
            aria-controls={panelId(p.id)}
            tabIndex={selected === p.id ? 0 : -1}
            className={styles.tab}
            onClick={() => onSelect(p.id)}
          >
            {p.label}
            {count ? <span className={styles.tabCount}>{count}</span> : null}
          </button>
        );
      })}
    </div>
  );
}
