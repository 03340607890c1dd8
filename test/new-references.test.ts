// The rows a new speaker, source or piece of evidence writes (src/domain/new-references.ts),
// called directly: what every door files is decided there once.
import { describe, expect, it } from "vitest";
import { newEvidenceRow, newSourceRow, newSpeakerRow } from "../src/domain/new-references";
import { sourceMatchKey, speakerMatchKey } from "../src/domain/normalise";

describe("a new speaker's row", () => {
  it("trims the name and role, a blank role is none, a person by default", () => {
    expect(newSpeakerRow({ name: "  Sonny Leggett ", role: " spokesman\t" })).toEqual({
      name: "Sonny Leggett",
      role: "spokesman",
      kind: "person",
      matchKey: speakerMatchKey("Sonny Leggett", "spokesman"),
    });
    expect(newSpeakerRow({ name: "Taliban", role: "   ", kind: "group" })).toMatchObject({
      role: null,
      kind: "group",
    });
  });

  it("finds the same speaker whatever the spacing and case of the name", () => {
    const a = newSpeakerRow({ name: "Sonny  Leggett", role: "US Forces spokesman" });
    const b = newSpeakerRow({ name: " sonny leggett ", role: "us forces spokesman" });
    expect(a.matchKey).toBe(b.matchKey);
    expect(newSpeakerRow({ name: "Sonny Leggett", role: "another role" }).matchKey).not.toBe(a.matchKey);
  });
});

describe("a new source's row", () => {
  it("is identified by its canonical url: no fragment, no credentials, trimmed", () => {
    const row = newSourceRow({
      url: "  HTTPS://user:pw@Example.com:443/afp/kunduz#top ",
      title: "  Kunduz ",
      publisher: " AFP ",
      author: "   ",
      publishedAt: "2020-03-05",
    });
    expect(row).toEqual({
      url: "https://example.com/afp/kunduz",
      title: "Kunduz",
      publisher: "AFP",
      author: null,
      publishedAt: "2020-03-05",
      matchKey: null,
    });
  });

  it("without a url, by its match key from the trimmed title, publisher and day", () => {
    const row = newSourceRow({ title: " Kunduz report ", publisher: "AFP", publishedAt: "2020-03-05T10:00:00Z" });
    expect(row.url).toBeNull();
    expect(row.matchKey).toBe(
      sourceMatchKey({ title: "Kunduz report", publisher: "AFP", publishedAt: "2020-03-05T10:00:00Z" }),
    );
    expect(newSourceRow({ publisher: "AFP" }).matchKey).toBe(sourceMatchKey({ publisher: "AFP" }));
  });

  it("refuses a source that nothing identifies, and a url that is not http(s)", () => {
    expect(() => newSourceRow({ title: "  ", publisher: "" })).toThrow(/needs a url, a title or a publisher/);
    expect(() => newSourceRow({ url: "ftp://example.com/a" })).toThrow();
  });
});

describe("a new piece of evidence's row", () => {
  it("trims the title and note, a blank one is none, the url as given", () => {
    expect(
      newEvidenceRow({ url: "https://example.com/s", title: "  USFOR-A statement ", note: " \n ", stance: "supports" }),
    ).toEqual({ url: "https://example.com/s", title: "USFOR-A statement", note: null, stance: "supports" });
    expect(newEvidenceRow({ stance: "context" })).toEqual({ url: null, title: null, note: null, stance: "context" });
  });
});
