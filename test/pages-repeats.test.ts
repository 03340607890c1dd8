// "Checked before?" on the claim page: linking a repeat, carrying a verdict over (with a
// rationale, shown inline when missing), unlinking; the queue's repeat filter and the speaker's count.
import { beforeAll, describe, expect, it } from "vitest";
import { getClaimRow } from "../src/db/queries/claims";
import { adminCookie, cookieFor, db, get, post, squash, texts } from "./pages-helpers";

let admin = "";
let n = 0;

beforeAll(async () => {
  admin = await adminCookie();
});

async function file(text: string, speaker: string): Promise<string> {
  n += 1;
  const res = await post(
    "/claims/new",
    {
      text: `${text}, take ${String.fromCharCode(96 + n)}`,
      kind: "statistic",
      speaker_name: speaker,
      source_publisher: "Example Wire",
    },
    admin,
  );
  expect(res.status).toBe(303);
  return /^\/claims\/(clm_[^?]+)/.exec(res.location ?? "")?.[1] ?? "";
}

async function seen(id: string) {
  const row = await getClaimRow(db, id);
  return { version: String(row?.version), seen_at: row?.updatedAt ?? "" };
}

describe("the Checked before? panel", () => {
  it("offers the matcher's candidates with reasons and warnings, and links one in a click", async () => {
    const original = await file("Rebels fired 27 rockets at the airport in Kandahar overnight", "Match Speaker One");
    const rated = await post(
      `/claims/${original}/review`,
      { status: "unproven", attribution: "unchecked", rationale: "No count was published.", ...(await seen(original)) },
      admin,
    );
    expect(rated.status).toBe(303);
    const other = await file("Rebels fired 72 rockets at the airport in Kandahar overnight", "Match Speaker Two");
    const page = await get(`/claims/${other}`, admin);
    const panel = squash((await texts(page.html, "#checked-before"))[0]);
    expect(panel).toContain("Similar claims on the desk");
    expect(panel).toContain("Rebels fired 27 rockets at the airport in Kandahar overnight");
    expect(panel).toMatch(/Check: numbers differ: 72 in this claim, 27 in the match/);
    expect(panel).toMatch(/Check: different speaker: Match Speaker Two here, Match Speaker One in the match/);
    expect(panel).toContain("Link and carry the verdict (Unproven)");

    // Carrying from a match's form without a rationale: the error shows in that form, opened.
    const bare = await post(
      `/claims/${other}/repeat`,
      { repeat_of: original, carry_verdict: "1", rationale: "", ...(await seen(other)) },
      admin,
    );
    expect(bare.status).toBe(422);
    expect(await texts(bare.html, "#carry-rationale-1-error")).toEqual([
      expect.stringMatching(/why the verdict applies/),
    ]);

    const linked = await post(`/claims/${other}/repeat`, { repeat_of: original, ...(await seen(other)) }, admin);
    expect(linked.status).toBe(303);
    const after = await get(`/claims/${other}`, admin);
    const afterPanel = squash((await texts(after.html, "#checked-before"))[0]);
    expect(afterPanel).toContain("Repeats “Rebels fired 27 rockets");
    // The linked claim is not offered again.
    expect(afterPanel).not.toContain('Link as a repeat of match 1"');
    expect(await texts(after.html, "#checked-before ol.matches a[href^='/claims/']")).not.toContainEqual(
      expect.stringContaining("27 rockets"),
    );
  });

  it("links a repeat, lists it on the earlier claim, and unlinks it", async () => {
    const original = await file("Checkpoint attacks rose to 43 this week", "Panel Speaker One");
    const repeat = await file("There were 43 attacks on checkpoints this week", "Panel Speaker Two");
    const res = await post(`/claims/${repeat}/repeat`, { repeat_of: original, ...(await seen(repeat)) }, admin);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/claims/${repeat}?done=repeat`);
    const page = await get(res.location ?? "", admin);
    expect(await texts(page.html, "[role=status]")).toEqual(["Linked as a repeat."]);
    const panel = squash((await texts(page.html, "#checked-before"))[0]);
    expect(panel).toContain("Repeats “Checkpoint attacks rose to 43 this week");
    expect(squash((await texts(page.html, ".timeline"))[0])).toContain(`marked it as a repeat of ${original}`);

    const earlier = await get(`/claims/${original}`, admin);
    const earlierPanel = squash((await texts(earlier.html, "#checked-before"))[0]);
    expect(earlierPanel).toContain("Repeated once");
    expect(earlierPanel).toContain("There were 43 attacks on checkpoints this week");

    const unlink = await post(`/claims/${repeat}/repeat/unlink`, await seen(repeat), admin);
    expect(unlink.status).toBe(303);
    expect((await getClaimRow(db, repeat))?.repeatOf).toBeNull();
  });

  it("asks for a rationale inline before carrying a verdict over, keeping the input, then carries it", async () => {
    const original = await file("The dam holds 2 billion cubic metres", "Panel Speaker Three");
    const review = await post(
      `/claims/${original}/review`,
      { status: "verified", attribution: "unchecked", rationale: "The utility's register.", ...(await seen(original)) },
      admin,
    );
    expect(review.status).toBe(303);
    const repeat = await file("The dam holds two billion cubic metres of water", "Panel Speaker Four");
    const before = await seen(repeat);
    const bare = await post(`/claims/${repeat}/repeat`, { repeat_of: original, carry_verdict: "1", ...before }, admin);
    expect(bare.status).toBe(422);
    // The earlier claim is among the matches: the error shows in its form, the rationale kept.
    expect(await texts(bare.html, "#carry-rationale-1-error")).toEqual([
      expect.stringMatching(/why the verdict applies/),
    ]);
    expect(await getClaimRow(db, repeat)).toMatchObject({ version: Number(before.version), repeatOf: null });

    const carried = await post(
      `/claims/${repeat}/repeat`,
      { repeat_of: original, carry_verdict: "1", rationale: "The same register entry.", ...before },
      admin,
    );
    expect(carried.status).toBe(303);
    const row = await getClaimRow(db, repeat);
    expect(row).toMatchObject({ status: "verified", repeatOf: original });
    expect(row?.rationale).toMatch(/^The same register entry\.\n\nVerdict carried over from clm_/);

    const queue = await get("/review?repeat=checked", admin);
    expect(queue.status).toBe(200);
    const all = await get("/review?repeat=checked&all=1", admin);
    expect(squash((await texts(all.html, "ol.queue"))[0])).toContain("The dam holds two billion cubic metres of water");
    const speaker = await get(`/speakers/${row?.speaker.id}`, admin);
    expect(squash((await texts(speaker.html, "main"))[0])).toContain(
      "1 claim repeats an earlier claim: 1 of a checked claim, 0 of one rated false or misleading.",
    );
  });

  it("says why a link is refused, beside the field, and shows viewers no form", async () => {
    const a = await file("Schools reopen on Monday", "Panel Speaker Five");
    const self = await post(`/claims/${a}/repeat`, { repeat_of: a, ...(await seen(a)) }, admin);
    expect(self.status).toBe(422);
    expect(await texts(self.html, "#repeat_of-error")).toEqual([expect.stringMatching(/cannot repeat itself/)]);
    expect(self.html).toMatch(new RegExp(`id="repeat-of"[^>]*value="${a}"`));
    const empty = await post(`/claims/${a}/repeat`, { repeat_of: "", ...(await seen(a)) }, admin);
    expect(empty.status).toBe(422);
    const stale = await post(`/claims/${a}/repeat`, { repeat_of: "clm_x", version: "99", seen_at: "" }, admin);
    expect(stale.status).toBe(409);
    const { cookie } = await cookieFor("viewer", "repeat viewer");
    const page = await get(`/claims/${a}`, cookie);
    expect(page.html).not.toContain(`action="/claims/${a}/repeat"`);
    expect((await post(`/claims/${a}/repeat`, { repeat_of: "clm_x", ...(await seen(a)) }, cookie)).status).toBe(403);
  });
});

describe("linking from two claim pages at the same moment", () => {
  it("lands one link and refuses the other beside the field, as it refuses a cycle one after the other", async () => {
    for (let round = 0; round < 10; round++) {
      const x = await file(`Race ${round}: fares rise 8 per cent in June`, "Race Speaker One");
      const y = await file(`Race ${round}: an 8 per cent fare rise from June`, "Race Speaker Two");
      const [sx, sy] = [await seen(x), await seen(y)];
      const answers = await Promise.all([
        post(`/claims/${x}/repeat`, { repeat_of: y, ...sx }, admin),
        post(`/claims/${y}/repeat`, { repeat_of: x, ...sy }, admin),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([303, 422]);
      const loser = answers[0].status === 422 ? x : y;
      const refused = answers[0].status === 422 ? answers[0] : answers[1];
      expect(await texts(refused.html, "#repeat_of-error")).toEqual([
        expect.stringMatching(/itself a repeat of this one/),
      ]);
      expect(await getClaimRow(db, loser)).toMatchObject({
        repeatOf: null,
        version: Number((loser === x ? sx : sy).version),
      });
    }
  });
});
