export const ASSOCIATION_TABLE = "";
