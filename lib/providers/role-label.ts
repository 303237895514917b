/**
 * A provider's role as words for people to read. Providers name roles their own way:
 * Astronomer with codes (`ORGANIZATION_MEMBER`, `WORKSPACE_AUTHOR`), OpenAI in lower case
 * (`owner`, `reader`), Arthur in words already (`Organization Admin`). Pages show all of
 * them alike ("Organization Member", "Owner"); the API, filters' values and exports keep
 * the provider's own code. Anything that is not a bare code is shown as the provider wrote it.
 */
export function roleLabel(role: string): string {
  if (!/^[A-Za-z][A-Za-z0-9]*(?:[_-][A-Za-z0-9]+)*$/.test(role)) return role;
  if (/[a-z]/.test(role) && /[A-Z]/.test(role)) return role; // mixed case: the provider's own spelling
  return role
    .split(/[_-]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join(" ");
}
