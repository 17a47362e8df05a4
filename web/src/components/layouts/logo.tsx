export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#13798f" />
      <path d="M7 20c4-1 7-4 9-8l9-3-7 5c-1 4-5 7-11 6z" fill="#fff" />
    </svg>
  );
}
