// Where a politician is from, and their party, as US reports write it by the name: "Sen. Lindsey Graham
// (R-S.C.)", "Sen. Marco Rubio of Florida", "Lindsey Graham, Republican of South Carolina". Read once per
// article, so that "the South Carolina Republican" and "the Florida senator" later find the person.

// Each state with the short forms AP style writes in a party tag ("R-S.C.", "D-Calif."), dots left out;
// eight states are written whole.
const STATE_FORMS =
  "alabama:ala|alaska|arizona:ariz|arkansas:ark|california:calif|colorado:colo|connecticut:conn|delaware:del|" +
  "florida:fla|georgia:ga|hawaii|idaho|illinois:ill|indiana:ind|iowa|kansas:kan|kentucky:ky|louisiana:la|" +
  "maine|maryland:md|massachusetts:mass|michigan:mich|minnesota:minn|mississippi:miss|missouri:mo|" +
  "montana:mont|nebraska:neb|nevada:nev|new hampshire:nh|new jersey:nj|new mexico:nm|new york:ny|" +
  "north carolina:nc|north dakota:nd|ohio|oklahoma:okla|oregon:ore|pennsylvania:pa|rhode island:ri|" +
  "south carolina:sc|south dakota:sd|tennessee:tenn|texas|utah|vermont:vt|virginia:va|washington:wash|" +
  "west virginia:wva|wisconsin:wis|wyoming:wyo";
const STATES = new Map<string, string>();
for (const entry of STATE_FORMS.split("|")) {
  const [name = "", form = name] = entry.split(":");
  STATES.set(name, name);
  STATES.set(form, name);
}
const PARTIES: Record<string, string> = { D: "democrat", R: "republican", I: "independent" };

// "Graham (R-S.C.)", "Murkowski (R-Alaska)".
const TAGGED = /(\p{Lu}[\p{L}'’-]+)\s*\(([DRI])-([A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)\)/gu;
// "Rubio of Florida", "Graham, Republican of South Carolina", "Ann Lee, a Democrat from Ohio".
const OF_STATE =
  /(\p{Lu}[\p{L}'’-]+),?\s+(?:an?\s+)?(?:(Republican|Democrat|Democratic|Independent)\s+)?(?:of|from)\s+((?:New|North|South|West|Rhode)\s+)?(\p{Lu}[a-z]+)\b/gu;

/** The home state and party each surname is given in the text, as lower-case words ("republican south
 * carolina"), for matching a description's words; a surname given two homes keeps the first. */
export function homesIn(text: string): Map<string, string> {
  const homes = new Map<string, string>();
  const file = (surname: string, words: string) => {
    if (!homes.has(surname)) homes.set(surname, words);
  };
  for (const m of text.matchAll(TAGGED)) {
    const state = STATES.get((m[3] ?? "").toLowerCase().replace(/[.\s]/g, ""));
    if (state) file(m[1] as string, `${PARTIES[m[2] as string] ?? ""} ${state}`);
  }
  for (const m of text.matchAll(OF_STATE)) {
    const state = STATES.get(`${m[3] ?? ""}${m[4] ?? ""}`.toLowerCase());
    if (state) file(m[1] as string, `${(m[2] ?? "").toLowerCase().replace("democratic", "democrat")} ${state}`.trim());
  }
  return homes;
}
