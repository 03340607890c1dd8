// Who said it: the cue around a quote or a reported statement (cues), the names in a phrase (names), the
// noun phrase that names the speaker (phrase), where the attribution is written (attribution), the people
// an article introduces (registry), where politicians are from (homes), and the resolution of pronouns,
// possessives and descriptions (resolve).

export * from "./attribution";
export * from "./cues";
export * from "./homes";
export * from "./names";
export * from "./phrase";
export * from "./registry";
export * from "./resolve";
