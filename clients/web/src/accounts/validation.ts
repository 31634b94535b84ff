// The server's rules for handles and passwords (protocol/README.md, `register`), checked before
// sending so that a person learns of a typo at once; the server checks them again.

const HANDLE = /^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$/;
const MIN_PASSWORD_BYTES = 10;
const MAX_PASSWORD_BYTES = 256;

export function handleProblem(handle: string): string | null {
  if (handle.length === 0) return "Enter a name.";
  if (HANDLE.test(handle)) return null;
  return "A name has 3 to 32 letters, digits, dots, dashes or underscores, and starts with a letter or digit.";
}

export function passwordProblem(password: string): string | null {
  const bytes = new TextEncoder().encode(password).length;
  if (bytes === 0) return "Enter a password.";
  if (bytes < MIN_PASSWORD_BYTES) return `A password has at least ${MIN_PASSWORD_BYTES} characters.`;
  if (bytes > MAX_PASSWORD_BYTES) return `A password has at most ${MAX_PASSWORD_BYTES} bytes.`;
  return null;
}
