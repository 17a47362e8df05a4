// An ordered list of steps, each done, next (current), available or blocked, with
// `aria-current="step"` on the next one.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import styles from '@/components/ui/stepper.module.css';

export type StepState = 'completed' | 'current' | 'available' | 'blocked';

export type Step = {
  key: string;
  label: string;
  state: StepState;
  description?: ReactNode;
  /** Why the step is blocked, or other short context. */
  note?: ReactNode;
  href?: string;
};

const STATE_TEXT: Record<StepState, { label: string; tone: BadgeTone }> = {
  completed: { label: 'Done', tone: 'success' },
  current: { label: 'Next', tone: 'brand' },
  available: { label: 'Available', tone: 'info' },
  blocked: { label: 'Blocked', tone: 'neutral' },
};

export function Stepper({ steps, label }: { steps: readonly Step[]; label: string }) {
  return (
    <ol className={styles.stepper} aria-label={label}>
      {steps.map((step, index) => {
        const state = STATE_TEXT[step.state];
        return (
          <li
            key={step.key}
            className={`${styles.step} ${styles[step.state]}`}
            aria-current={step.state === 'current' ? 'step' : undefined}
            data-state={step.state}
          >
            <div className={styles.track}>
              <span className={styles.marker} aria-hidden="true">
                {step.state === 'completed' ? '✓' : index + 1}
              </span>
              <span className={styles.line} aria-hidden="true" />
            </div>
            <div className={styles.title}>
              {step.href ? <Link to={step.href}>{step.label}</Link> : <span>{step.label}</span>}
              <Badge tone={state.tone}>{state.label}</Badge>
            </div>
            {step.description ? <p className={styles.description}>{step.description}</p> : null}
            {step.note ? <p className={styles.note}>{step.note}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
