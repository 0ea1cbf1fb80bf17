/**
 * The edition model: a typed tree between the readers and the TEI writer.
 *
 * It is defined once, with TypeBox, so that the TypeScript types and the JSON Schema
 * (`schema/edition.schema.json`, checked with ajv on every conversion) cannot drift apart.
 * Every node carries `pos`, the 1-based line and column of the source text it came from,
 * so that every diagnostic and every `--explain` line can point back to the transcription.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const BASE = 'https://teiwright.dev/schema/';

export const SourcePos = Type.Object(
  { line: Type.Integer({ minimum: 1 }), column: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export type SourcePos = Static<typeof SourcePos>;

/** Who made a change: `#teiwright` for the converter, `#ed-…` for an editor of a corrections file. */
const Resp = Type.String({ pattern: '^#[A-Za-z_][A-Za-z0-9._-]*$' });

const node = <K extends string, P extends Record<string, TSchema>>(kind: K, props: P) =>
  Type.Object({ kind: Type.Literal(kind), pos: SourcePos, ...props }, { additionalProperties: false });

/** Inline content: text and the phrase-level elements inside paragraphs, heads and notes. */
export const Inline = Type.Recursive(
  (Self) =>
    Type.Union([
      node('text', { text: Type.String() }),
      /** `initial`: a printed (drop) capital set apart from the rest of its word, as in `<span class="cap">T</span>he`. */
      node('hi', { rend: Type.Union([Type.Literal('italic'), Type.Literal('bold'), Type.Literal('bold italic'), Type.Literal('underline'), Type.Literal('superscript'), Type.Literal('smallcaps'), Type.Literal('initial')]), children: Type.Array(Self) }),
      /** A note anchor as printed (`1`, `[1]`, `(1)`, `[A]`, `*`); `key` and `series` identify its note. */
      node('noteAnchor', {
        marker: Type.String(),
        key: Type.String(),
        series: Type.Optional(Type.String()),
        id: Type.Optional(Type.String()),
        target: Type.Optional(Type.String()),
      }),
      /** A link to another document kept in the text (navigation links are dropped instead). */
      node('link', { href: Type.String(), children: Type.Array(Self) }),
      node('subst', { id: Type.Optional(Type.String()), resp: Resp, del: Type.Array(Self), add: Type.Array(Self), place: Type.String(), hand: Type.Optional(Resp) }),
      node('del', { id: Type.Optional(Type.String()), resp: Type.Optional(Resp), rend: Type.Optional(Type.String()), children: Type.Array(Self) }),
      node('add', { id: Type.Optional(Type.String()), resp: Type.Optional(Resp), place: Type.String(), hand: Type.Optional(Resp), children: Type.Array(Self) }),
      node('gap', { id: Type.Optional(Type.String()), resp: Type.Optional(Resp), reason: Type.String(), unit: Type.Optional(Type.String()), quantity: Type.Optional(Type.Number()), printed: Type.Optional(Type.String()) }),
      node('unclear', { id: Type.Optional(Type.String()), resp: Type.Optional(Resp), reason: Type.Optional(Type.String()), children: Type.Array(Self) }),
      node('supplied', { resp: Type.Optional(Resp), children: Type.Array(Self) }),
      /** A correction that keeps the original: `choice/sic/corr`. */
      node('choice', { id: Type.Optional(Type.String()), resp: Resp, sic: Type.Array(Self), corr: Type.Array(Self) }),
      node('sic', { resp: Type.Optional(Resp), children: Type.Array(Self) }),
      node('pb', { n: Type.Optional(Type.String()) }),
      node('lb', {}),
      /** A marginal or inline note written in the text itself (not an anchored endnote). */
      node('inlineNote', { place: Type.String(), type: Type.Optional(Type.String()), children: Type.Array(Self) }),
    ]),
  { $id: `${BASE}inline.json` },
);
export type Inline = Static<typeof Inline>;
export type InlineKind = Inline['kind'];
export type InlineOf<K extends InlineKind> = Extract<Inline, { kind: K }>;

const Inlines = Type.Array(Type.Ref(Inline));

/** Block content of the body and of notes. */
export const Block = Type.Recursive(
  (Self) =>
    Type.Union([
      node('p', { rend: Type.Optional(Type.String()), children: Inlines }),
      /** A heading inside the text; the writer opens a nested `div` for it. */
      node('heading', { level: Type.Integer({ minimum: 1, maximum: 6 }), children: Inlines }),
      node('quote', { blocks: Type.Array(Self) }),
      node('list', { ordered: Type.Boolean(), items: Type.Array(Inlines) }),
      node('pb', { n: Type.Optional(Type.String()) }),
      /** A line group (verse, addresses): one entry per printed line. */
      node('lines', { lines: Type.Array(Inlines) }),
      /**
       * A table of data (rows and cells as printed): TEI `table/row/cell`. A header row is
       * `role: 'label'`; a cell that spans columns says how many (`cols`).
       */
      node('table', {
        rows: Type.Array(
          Type.Object(
            {
              role: Type.Optional(Type.Literal('label')),
              cells: Type.Array(Type.Object({ cols: Type.Optional(Type.Integer({ minimum: 2 })), children: Inlines, pos: SourcePos }, { additionalProperties: false })),
              pos: SourcePos,
            },
            { additionalProperties: false },
          ),
        ),
      }),
      /**
       * An image of the page (a chart, a diagram, an illustration): TEI `figure` with its
       * `graphic@url` as the page gives it, the image's own description (`alt`) as `figDesc`,
       * and the caption the page prints with it as `head`.
       */
      node('figure', { url: Type.String(), description: Type.Optional(Type.String()), head: Type.Optional(Inlines) }),
    ]),
  { $id: `${BASE}block.json` },
);
export type Block = Static<typeof Block>;
export type BlockKind = Block['kind'];

const Blocks = Type.Array(Type.Ref(Block));

/** Roles a metadata label can have; see `labels.ts` for the label spellings. */
import type { TLiteral, TUnion } from '@sinclair/typebox';
const literals = <const T extends readonly string[]>(values: T): TUnion<{ [I in keyof T]: TLiteral<T[I]> } & TSchema[]> =>
  Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<{ [I in keyof T]: TLiteral<T[I]> } & TSchema[]>;

export const MetaRole = literals([
  'written', 'delivered', 'firstPublished', 'source', 'publisher', 'translated', 'transcribed',
  'markup', 'transcriptionMarkup', 'proofed', 'onlineVersion', 'licence', 'signed', 'editor', 'other',
  /** The collection or larger work a page belongs to ("Marx-Engels Correspondence 1873"), printed above its title. */
  'collection',
] as const);
export type MetaRole = Static<typeof MetaRole>;

export const MetaField = Type.Object(
  {
    /** The label as printed, without its colon: "Transcription\\Markup". */
    label: Type.String(),
    role: MetaRole,
    /** The value, with its inline markup (italic titles of works, …). */
    value: Inlines,
    pos: SourcePos,
  },
  { additionalProperties: false },
);
export type MetaField = Static<typeof MetaField>;

export const Author = Type.Object(
  {
    name: Type.String(),
    /** Where the name was found, reported in a diagnostic when it is not an author line. */
    from: Type.Union([Type.Literal('author-line'), Type.Literal('metadata'), Type.Literal('front-matter'), Type.Literal('footer')]),
    pos: SourcePos,
    /** The label of the metadata line that named the author ("Author :"), where it stands: markup, as a field's label. */
    label: Type.Optional(Type.Object({ text: Type.String(), pos: SourcePos }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type Author = Static<typeof Author>;

export const Metadata = Type.Object(
  {
    /** The title as plain text, without note anchors. */
    title: Type.String(),
    subtitle: Type.Optional(Type.String()),
    author: Type.Optional(Author),
    fields: Type.Array(MetaField),
    /** ISO 639 code of the text's language. */
    language: Type.String(),
  },
  { additionalProperties: false },
);
export type Metadata = Static<typeof Metadata>;

export const Opener = Type.Object(
  {
    dateline: Type.Optional(Inlines),
    salute: Type.Optional(Inlines),
    /** The salutation is printed above the place-date line: the TEI keeps that order. */
    saluteFirst: Type.Optional(Type.Boolean()),
    pos: SourcePos,
  },
  { additionalProperties: false },
);
export const Closer = Type.Object(
  { salute: Type.Optional(Inlines), signed: Type.Optional(Inlines), dateline: Type.Optional(Inlines), pos: SourcePos },
  { additionalProperties: false },
);
export type Opener = Static<typeof Opener>;
export type Closer = Static<typeof Closer>;

export const Body = Type.Object(
  {
    /** `letter` when the text has a salutation. */
    divType: Type.Optional(Type.String()),
    /** The title as printed, with its note anchors. */
    head: Inlines,
    subtitle: Type.Optional(Inlines),
    opener: Type.Optional(Opener),
    /** Short editorial lines before the text (`argument/p`). */
    argument: Blocks,
    /**
     * Lines printed above the title (an author line, the collection's headings): written in
     * an `argument` before `head`, so that the text keeps the order of the source.
     */
    beforeHead: Type.Optional(Blocks),
    blocks: Blocks,
    closer: Type.Optional(Closer),
    /** A letter's postscript after its signature ("P.S. …"), with the label as printed: TEI `postscript`. */
    postscript: Type.Optional(Type.Object({ blocks: Blocks, pos: SourcePos }, { additionalProperties: false })),
    /** Lines after the signature such as "Published in leaflet form in March 1912". */
    publicationNotes: Type.Array(Type.Object({ children: Inlines, pos: SourcePos }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type Body = Static<typeof Body>;

export const NoteType = Type.Union([Type.Literal('editorial'), Type.Literal('authorial'), Type.Literal('translator'), Type.Literal('unknown')]);
export type NoteType = Static<typeof NoteType>;

export const Note = Type.Object(
  {
    /** The number or letter that pairs the note with its anchors ("1", "A", "*"). */
    key: Type.String(),
    series: Type.Optional(Type.String()),
    /** The label as printed before the note ("1.", "[1]"). */
    label: Type.String(),
    type: NoteType,
    place: Type.Union([Type.Literal('end'), Type.Literal('foot')]),
    blocks: Blocks,
    pos: SourcePos,
    /** Set by the note-linking transform. */
    id: Type.Optional(Type.String()),
    /** Ids of the anchors and emendations this note is about (set by transforms). */
    targets: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
export type Note = Static<typeof Note>;

export const NoteSection = Type.Object(
  {
    heading: Type.Optional(Inlines),
    series: Type.Optional(Type.String()),
    /** Paragraphs of the section printed before its first note (what the notes are, where they come from). */
    blocks: Type.Optional(Blocks),
    notes: Type.Array(Note),
    pos: SourcePos,
    /**
     * The page prints the section between two parts of the text (text follows it): it is
     * written where it is printed, in the body (at its `pos` among the body's blocks),
     * not in `back`.
     */
    inText: Type.Optional(Type.Literal(true)),
  },
  { additionalProperties: false },
);
export type NoteSection = Static<typeof NoteSection>;

export const EmendationKind = literals(['subst', 'del', 'add', 'gap', 'unclear', 'supplied', 'sic', 'charref', 'correction'] as const);
export type EmendationKind = Static<typeof EmendationKind>;

/** A record of one change the converter or an editor made, for `editorialDecl` and `--explain`. */
export const Emendation = Type.Object(
  { kind: EmendationKind, resp: Resp, description: Type.String(), pos: SourcePos },
  { additionalProperties: false },
);
export type Emendation = Static<typeof Emendation>;

export const Agent = Type.Object(
  { id: Type.String(), name: Type.String(), role: Type.String() },
  { additionalProperties: false },
);
export type Agent = Static<typeof Agent>;

export const HandNote = Type.Object(
  { id: Type.String(), description: Type.String(), medium: Type.Optional(Type.String()) },
  { additionalProperties: false },
);
export type HandNote = Static<typeof HandNote>;

/** Page furniture the reader dropped (navigation, "README"), kept for the fidelity check. */
export const Dropped = Type.Object(
  { text: Type.String(), reason: Type.String(), pos: SourcePos },
  { additionalProperties: false },
);
export type Dropped = Static<typeof Dropped>;

export const Edition = Type.Object(
  {
    /** The input profile that read the source (`mia-markdown`, `lia-text`, …). */
    profile: Type.String(),
    metadata: Metadata,
    body: Body,
    notes: Type.Array(NoteSection),
    emendations: Type.Array(Emendation),
    /** Editors who supplied corrections; the converter itself is always `#teiwright`. */
    editors: Type.Array(Agent),
    hands: Type.Array(HandNote),
    dropped: Type.Array(Dropped),
  },
  { $id: `${BASE}edition.schema.json`, additionalProperties: false, title: 'teiwright edition model' },
);
export type Edition = Static<typeof Edition>;
