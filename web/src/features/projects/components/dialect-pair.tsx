import { dialectLabel } from '@/config/dialects';

export function DialectPair({ source, target }: { source: string; target: string }) {
  return (
    <span>
      {dialectLabel(source)} <span aria-hidden="true">→</span>
      <span className="visually-hidden"> to </span> {dialectLabel(target)}
    </span>
  );
}
