/** Shortest password an operator may be given. */
export const OPERATOR_PASSWORD_MIN = 12;
