// Client-side checks mirroring the server's rules, so forms fail before sending.
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

export function checkEmail(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter your email address.';
  if (v.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) return 'Enter a valid email address, like name@example.com.';
  return undefined;
}

export function checkNewPassword(value: string): string | undefined {
  if (!value) return 'Choose a password.';
  if (value.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (value.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  return undefined;
}

export function checkRequired(value: string, message: string, max?: number): string | undefined {
  const v = value.trim();
  if (!v) return message;
  if (max !== undefined && v.length > max) return `Use at most ${max} characters.`;
  return undefined;
}

export function checkUrl(value: string): string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  if (v.length > 500) return 'Use at most 500 characters.';
  try {
    const url = new URL(v);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Use an http or https address.';
  } catch {
    return 'Enter a full address, like https://example.com/me.png.';
  }
  return undefined;
}

/** Drops undefined entries so `Object.keys(errors)` lists only real problems. */
export function compact<T extends Record<string, string | undefined>>(errors: T): Partial<Record<keyof T & string, string>> {
  const out: Partial<Record<keyof T & string, string>> = {};
  for (const [k, v] of Object.entries(errors)) if (v) out[k as keyof T & string] = v;
  return out;
}
