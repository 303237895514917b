/** Test-only wire fixtures. */

/** The invite example of the older spec (manual_spec/openapi.yaml): `invited_at`, no `created_at`. */
export const LEGACY_INVITE = {
  object: "organization.invite",
  id: "invite-abc",
  email: "user@example.com",
  role: "owner",
  status: "accepted",
  invited_at: 1711471533,
  expires_at: 1711471533,
  accepted_at: 1711471533,
  projects: [{ id: "project-xyz", role: "member" }],
};
