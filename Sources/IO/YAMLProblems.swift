/// libyaml's parse problems in a planner's words. libyaml (through Yams) reports a problem as a
/// fixed English phrase ("mapping values are not allowed in this context"); `run` speaks Chinese
/// by default (`check` with `--lang zh`), and until 2026-12-06 a Chinese error quoted that phrase
/// untranslated behind "YAML 格式有误：" with one general hint for every problem.
///
/// `chinese` gives the phrase in Chinese (the English kept in parentheses, so that it can still be
/// looked up); `hint` what most often causes it in a hand-written scenario file, in either
/// language, or nil where the general hint ("check the indentation and quoting near this place")
/// says as much. The phrases are those of the libyaml that Yams 6.2 vendors (`scanner.c`,
/// `parser.c`, `reader.c`) and of Yams' own composer; one not listed is shown as it is.
enum YAMLProblems {
    /// The five ways libyaml reports bytes that are not UTF-8.
    static let notUTF8 = (
        zh: "不是有效的 UTF-8 编码", hint: String?("save the file as UTF-8"), hintZh: String?("请把文件另存为 UTF-8 编码")
    )

    /// (Chinese, hint in English, hint in Chinese) by libyaml's phrase.
    static let table: [String: (zh: String, hint: String?, hintZh: String?)] = [
        "mapping values are not allowed in this context": (
            "此处不能出现“键: 值”",
            "most often this line or the one above is indented wrongly, the line above lacks its ':', or a value "
                + "holds ': ' without quotes: align the keys of one mapping, and quote a value with a colon",
            "多半是这一行或上一行缩进不对、上一行的键缺少“:”，或者某个值里有未加引号的“: ”：同一映射的键要对齐，含冒号的值要加引号"
        ),
        "block sequence entries are not allowed in this context": (
            "此处不能出现“-”列表项",
            "a '- ' item belongs on a line of its own under a key that ends with ':' (nothing after the colon)",
            "“- ”列表项要另起一行，写在以“:”结尾（冒号后没有值）的键下面"
        ),
        "did not find expected '-' indicator": (
            "缺少预期的“-”列表项标记",
            "this line is aligned neither with the list's '- ' items nor with the keys of the item above: "
                + "align it with one of them",
            "这一行既没有与列表的“- ”项对齐，也没有与上一项的键对齐：请与其中之一对齐"
        ),
        "did not find expected key": (
            "缺少预期的键",
            "the keys of one mapping must be aligned: this line is indented differently from the keys above it",
            "同一映射的键必须对齐：这一行的缩进与上面的键不同"
        ),
        "could not find expected ':'": (
            "缺少预期的“:”",
            "a key is followed by ':' and a space ('growth: 0.05'); a line that goes on from the one above must be "
                + "indented more, or the value quoted",
            "键后面要有“:”和一个空格（如“growth: 0.05”）；接续上一行的内容要缩进得更深，或者给值加引号"
        ),
        "did not find expected node content": ("缺少预期的内容", nil, nil),
        "did not find expected ',' or ']'": (
            "缺少预期的“,”或“]”",
            "a [ … ] list is left open, or two of its items lack a comma between them",
            "方括号列表没有闭合，或者两项之间少了逗号"
        ),
        "did not find expected ',' or '}'": (
            "缺少预期的“,”或“}”",
            "a { … } mapping is left open, or two of its entries lack a comma between them",
            "花括号映射没有闭合，或者两项之间少了逗号"
        ),
        "found unexpected end of stream": (
            "文件意外结束",
            "a quote or bracket opened here or above is never closed",
            "此处或上面有一个引号或括号没有闭合"
        ),
        "found unexpected ':'": ("出现了意外的“:”", nil, nil),
        "found character that cannot start any token": (
            "出现了不能开始任何内容的字符",
            "'@' and '`' are reserved in YAML: quote a value that begins with one",
            "“@”和“`”是 YAML 的保留字符：以它们开头的值要加引号"
        ),
        "found a tab character that violates indentation": ("制表符破坏了缩进", nil, nil),
        "found a tab character where an indentation space is expected": ("此处应为缩进用的空格，却是制表符", nil, nil),
        "found undefined alias": (
            "别名引用了未定义的锚点",
            "an alias '*name' must refer to an anchor '&name' defined above it",
            "别名“*名称”必须引用在它上面用“&名称”定义的锚点"
        ),
        "found unknown escape character": (
            "双引号字符串中有未知的转义字符",
            "a backslash starts an escape inside double quotes: use single quotes, or write '\\\\'",
            "反斜杠在双引号中表示转义：请改用单引号，或写成“\\\\”"
        ),
        "found invalid Unicode character escape code": ("双引号字符串中的 Unicode 转义码无效", nil, nil),
        "did not find expected hexdecimal number": ("转义序列中缺少十六进制数字", nil, nil),
        "control characters are not allowed": (
            "文件中不允许出现控制字符",
            "save the file as plain UTF-8 text", "请把文件另存为纯文本（UTF-8）"
        ),
        "invalid Unicode character": ("无效的 Unicode 字符", nil, nil),
        "invalid leading UTF-8 octet": notUTF8,
        "invalid trailing UTF-8 octet": notUTF8,
        "invalid length of a UTF-8 sequence": notUTF8,
        "found an incorrect leading UTF-8 octet": notUTF8,
        "found an incorrect trailing UTF-8 octet": notUTF8,
        "expected low surrogate area": ("UTF-16 代理对不完整", nil, nil),
        "unexpected low surrogate area": ("UTF-16 代理对不完整", nil, nil),
        "input is too long": ("输入过长", nil, nil),
        "input error": ("读取错误", nil, nil),
        "did not find expected comment or line break": ("此处应为注释或换行", nil, nil),
        "did not find expected whitespace or line break": ("此处应为空格或换行", nil, nil),
        "did not find expected whitespace": ("此处应为空格", nil, nil),
        "found unexpected document indicator": ("出现了意外的文档标记（“---”或“...”）", nil, nil),
        "did not find expected <document start>": ("缺少预期的文档开始标记（“---”）", nil, nil),
        "did not find expected <stream-start>": ("缺少预期的流开始标记", nil, nil),
        "but found another document": (
            "文件中有不止一个 YAML 文档",
            "plancast's YAML files (plans, scenarios) hold one document each: remove the '---' line and what follows, or split the file",
            "plancast 的 YAML 文件（规划、情景）各只能有一个文档：请删除“---”及其后的内容，或把它拆成两个文件"
        ),
        "found incompatible YAML document": ("YAML 文档的版本不兼容", nil, nil),
        "found an indentation indicator equal to 0": ("块标量的缩进指示符不能为 0", nil, nil),
        "found unknown directive name": ("未知的指令名", nil, nil),
        "could not find expected directive name": ("缺少预期的指令名", nil, nil),
        "found unexpected non-alphabetical character": ("此处应为字母或数字", nil, nil),
        "did not find expected alphabetic or numeric character": ("此处应为字母或数字", nil, nil),
        "did not find expected digit or '.' character": ("此处应为数字或“.”", nil, nil),
        "did not find expected version number": ("缺少预期的版本号", nil, nil),
        "found extremely long version number": ("版本号过长", nil, nil),
        "found duplicate %YAML directive": ("%YAML 指令重复", nil, nil),
        "found duplicate %TAG directive": ("%TAG 指令重复", nil, nil),
        "found undefined tag handle": ("未定义的标签前缀", nil, nil),
        "did not find expected tag URI": ("缺少预期的标签 URI", nil, nil),
        "did not find URI escaped octet": ("缺少 URI 转义字节", nil, nil),
        "did not find expected '!'": ("缺少预期的“!”", nil, nil),
        "did not find the expected '>'": ("缺少预期的“>”", nil, nil),
    ]

    /// `problem` in Chinese with the English after it, or as it is when not listed.
    static func chinese(_ problem: String) -> String {
        guard let zh = table[problem]?.zh else { return problem }
        return "\(zh)（\(problem)）"
    }

    /// What most often causes `problem`, or nil.
    static func hint(_ problem: String, chinese: Bool) -> String? {
        chinese ? table[problem]?.hintZh : table[problem]?.hint
    }
}
