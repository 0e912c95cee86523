import Testing

@testable import IO

/// Keys that are not plain text are refused where they are written, before Yams hashes them:
/// an alias of nested lists as a key ran for hours (`scripts/fuzz`, 2026-12-02).
struct YAMLKeysTests {
    static func place(_ text: String) -> String? {
        YAMLKeys.firstComplexKey(in: text).map { "\($0.line):\($0.column) \($0.what)" }
    }

    @Test func keysThatAreNotPlainTextAreFound() {
        #expect(Self.place("a: 1\n? b\n: 2\n") == "2:1 an explicit key ('? ')")
        #expect(Self.place("groups:\n  a9: [? *a8]\n") == "2:8 an explicit key ('? ')")
        #expect(Self.place("a: &x [1, 2]\n*x : 3\n") == "2:1 an alias ('*x') as a key")
        #expect(Self.place("m: {*x: 1}\n") == "1:5 an alias ('*x') as a key")
        // After a comma in a flow collection a new node starts (mutation round 114: the second
        // entry's alias key went unseen when it did not).
        #expect(Self.place("m: {a: 1, *x : 2}\n") == "1:11 an alias ('*x') as a key")
        #expect(Self.place("[a, b]: 1\n") == "1:6 a list as a key")
        // A key's colon may end its line (mutation round seed 184: `j + 1 == line.count` as
        // `j - 1` read past the line's end and trapped).
        #expect(Self.place("[a, b]:\n  1\n") == "1:6 a list as a key")
        #expect(Self.place("m:\n  {a: b}: c\n") == "2:8 a mapping as a key")
        #expect(Self.place("m: {[a]: 1}\n") == "1:7 a list as a key")
        // A tag does not hide what follows it.
        #expect(Self.place("!!str *x : 1\n") == "1:7 an alias ('*x') as a key")
        #expect(Self.place("a: !t [b]: c\n") == "1:9 a list as a key")
        // A quote ends where YAML ends it: an escaped quote inside double quotes does not end
        // it, a backslash inside single quotes escapes nothing (mutation round seed 49: either
        // reading kept the quote open, and the key on the next line went unseen).
        #expect(Self.place("a: \"x\\\"\"\n? *b\n: 1\n") == "2:1 an explicit key ('? ')")
        #expect(Self.place("a: 'x\\'\n? b\n: 1\n") == "2:1 an explicit key ('? ')")
        // Text between an alias (or a closed list) and the colon does not hide the key: libyaml
        // composes `[*a6 (x): 1]` as a one-pair mapping keyed by *a6, hashing it, before its
        // parse error (libFuzzer timeout, 2026-12-03).
        #expect(Self.place("k: [*a6 (\"billion laughs\"): 10]\n") == "1:5 an alias ('*a6') as a key")
        #expect(Self.place("k: [[*a8] x: 1]\n") == "1:9 a list as a key")
        #expect(Self.place("k:\n  *a foo: 1\n") == "2:3 an alias ('*a') as a key")
        // Only a `#` after a space or tab starts a comment there: `x#y: 1` is text before the
        // key's colon, `# note: 1` a comment whose colon is no key.
        #expect(Self.place("k:\n  *a x#y: 1\n") == "2:3 an alias ('*a') as a key")
        #expect(Self.place("k:\n  *a # note: 1\n") == nil)
        #expect(Self.place("k:\n  *a\t# note: 1\n") == nil)
        // A quote inside plain text opens nothing: behind `5" wide` an alias bomb as a key went
        // unseen, and `check` ran until killed (differential fuzz against libyaml, 2026-12-03).
        #expect(Self.place("note: 5\" wide\n*a8 : boom\n") == "2:1 an alias ('*a8') as a key")
        #expect(Self.place("note: it's\n[a]: 1\n") == "2:3 a list as a key")
        // A line that continues a plain scalar is text, whatever it starts with, and only a
        // line indented more than the scalar's key or dash continues it.
        #expect(Self.place("d: the plan\n  's goal\n? b\n: 1\n") == "3:1 an explicit key ('? ')")
        #expect(Self.place("k: text\n? x\n: 1\n") == "2:1 an explicit key ('? ')")
        #expect(Self.place("- k: text\n  ? x\n  : 1\n") == "2:3 an explicit key ('? ')")
        // A comment ends the scalar (libyaml then refuses the file; so does the scan).
        #expect(Self.place("k: text # a comment ends it\n  ? x\n") == "2:3 an explicit key ('? ')")
        // A block scalar ends at a line indented no more than its key: a line without a tab is
        // not blank (mutation round seed 201: `$0 != "\t"` read every such line as blank, and
        // the key after the scalar went unseen).
        #expect(Self.place("d: |\n  text\n[a, b]: 1\n") == "3:6 a list as a key")
        // A comment after a space ends a plain scalar's continued line too; a more indented line
        // after it is no more text (round 201: `&&` for `||` never saw the comment).
        #expect(Self.place("k: text\n  more # note\n  ? x\n") == "3:3 an explicit key ('? ')")
        #expect(Self.place("k: text\n  more\t# note\n  ? x\n") == "3:3 an explicit key ('? ')")
    }

    /// What the files plancast reads hold: quoted text, comments, block scalars, anchors and
    /// aliases as values, flow lists and mappings, question marks and stars inside text.
    @Test func plainKeysWithAnythingAsValuesPass() {
        for text in [
            "name: x\ndescription: 'is it? *yes*: no'\n", "description: what? yes\n", "name: x # ? a comment\n",
            "description: |\n  ? not a key\n  *a: text\nname: x\n", "description: >-\n  [a]: b\n\nname: y\n",
            "groups:\n  a: &a [x, y]\n  b: *a\n", "list: [a, b]\nmap: {a: 1, b: [1, 2]}\n", "- [a, b]\n- {c: d}\n",
            "x: \"[a]: b\"\n", "url: http://x.y/a?b=1\n", "growth:\n  gdp: {2023: -1.5, 2024: *g}\n",
            "a: 'it''s ? x'\nb: \"q\\\" ? y\"\n", "multi: [a,\n  b]\nnext: 1\n",
            // A doubled quote inside single quotes is text, whatever follows it.
            "a: 'it''s: ? x'\n", "a: '''[b]'': c'\n",
            // Tags before values and keys.
            "a: !!str 10\n", "!!str b: !!int 3\n", "c: !local [x, y]\n",
            // A colon inside a plain scalar does not start a node.
            "a: b:? c\n", "t: 12:30 ? x\n",
            // A closing bracket outside a flow collection is text: libyaml reads {'a]': 1}
            // (mutation round seed 184: read as closing one, it made "a]" a list as a key).
            "a]: 1\n", "b}: 2\n",
            // Nor does a comma outside a flow collection (mutation round 137: read as one, it
            // made '? y' an explicit key; PyYAML reads {'a': 'x,? y'}).
            "a: x,? y\n", "t: 1, 2 ? 3\n",
            // A dash followed by text starts a plain scalar, not a list entry: '-*a' is a key
            // (read as an entry, its '*a' was an alias as a key; mutation round seed 49).
            "m:\n  -*a: 1\n  -? b: 2\n", "-&x: 2\n",
            // Plain text over several lines: `? ` or a quote at the start of a continued line is
            // text (libyaml reads "will it be met ? perhaps"). Every text here was checked with
            // libyaml itself (PyYAML's CLoader): it parses, with plain keys only.
            "description: will it be met\n  ? perhaps\nname: x\n", "- text\n  ? more\n\n  ? and more\n",
            // A line of spaces only inside the text (mutation round 137: not skipped, it was
            // read past its end).
            "description: will it be met\n     \n  ? perhaps\nname: x\n",
            "- k: text\n    ? more\n", "d: the plan\n  's goal\nname: x\n",
            // A value that starts on the next line belongs to its key: a line indented more
            // than the key continues it, however the value's first line was indented.
            "k: &a\n    text\n  ? more\n", "k:\n\n  # note\n    text\n  ? more\n",
            // A blank line inside a block scalar, however few its spaces, does not end it.
            "m:\n  d: |\n    text\n  \n    ? not a key\nname: x\n",
        ] {
            #expect(Self.place(text) == nil, "\(text)")
        }
    }
}
