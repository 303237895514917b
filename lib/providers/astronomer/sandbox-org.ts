/** The Astronomer organization the sandbox serves (a cuid-shaped id). */
export const SANDBOX_ASTRONOMER_ORG_ID = "clsandbox0org0roster00001";
