import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Text encodings plancast reads.
public enum TextEncoding: String, Sendable, CaseIterable {
    /// UTF-8 if the bytes are valid UTF-8, otherwise GB18030 (a superset of GBK and GB2312).
    case auto
    case utf8 = "utf-8"
    /// As saved by Chinese Excel and WPS ("ANSI" on a Chinese Windows); covers GBK.
    case gb18030
}

/// Decodes a file's bytes into text, dropping a UTF-8 byte-order mark.
///
/// Foundation on Linux cannot convert GB18030, so that path goes through glibc's `iconv`.
func decodeText(_ data: Data, file: String, encoding: TextEncoding = .auto) throws(InputError) -> String {
    var bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
        throw InputError(
            file: file, line: 1, column: 1, "the file is UTF-32 text",
            hint: "save it as UTF-8 (Excel: CSV UTF-8; editors: Save As… → Encoding UTF-8)",
            zh: "文件是 UTF-32 编码的文本",
            hintZh: "请另存为 UTF-8 编码（Excel：CSV UTF-8；编辑器：另存为… → 编码 UTF-8）")
    }
    // Excel's "Unicode Text" (.txt) is UTF-16 with a byte-order mark, its columns separated by
    // tabs (which CSVTable detects): read it as it is rather than ask for another save.
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
        return try decodeUTF16(bytes.dropFirst(2), bigEndian: bytes[0] == 0xFE, file: file)
    }
    switch encoding {
    case .utf8:
        guard let s = String(validating: bytes, as: UTF8.self) else {
            throw invalidUTF8(bytes, file: file)
        }
        return s
    case .gb18030:
        return try decodeGB18030(bytes, file: file)
    case .auto:
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        guard let gb = try? convertGB18030(bytes, file: file) else { throw invalidUTF8(bytes, file: file) }
        guard let g = gb.failure else { return gb.text }
        let utf8 = invalidUTF8(bytes, file: file)
        // Neither reading holds. Where the GB18030 reading gets clearly further (to a later
        // line, or two characters on along the same one) the file is GB18030 and its error
        // names the byte to fix: a GBK file with one stray byte was reported at its first
        // Chinese character, which is not UTF-8 but was fine (2026-12-06). Otherwise the UTF-8
        // reading's error (a UTF-8 character cut short reads as one GB18030 character more).
        let further =
            (g.line ?? 0) > (utf8.line ?? 0) || (g.line == utf8.line && (g.column ?? 0) >= (utf8.column ?? 0) + 2)
        throw further ? g : utf8
    }
}

/// Reads and decodes a whole file.
/// `offersEncodingOption`: whether the command has `--encoding` (named in the hint when the
/// bytes are not text in a known encoding).
public func readText(path: String, encoding: TextEncoding = .auto, offersEncodingOption: Bool = true) throws(InputError)
    -> String
{
    let data = try readInputBytes(path: path, memoryFactor: tableMemoryFactor)
    do {
        return try decodeText(data, file: path, encoding: encoding)
    } catch let error where !offersEncodingOption {
        throw InputError(
            file: error.file, line: error.line, column: error.column, error.message,
            hint: "save it as UTF-8 (most editors: Save As… → Encoding UTF-8)", zh: error.messageZh,
            hintZh: "请另存为 UTF-8 编码（多数编辑器：另存为… → 编码 UTF-8）")
    }
}

/// Why a path cannot be opened, in words, from its `errno`: the one wording for readers
/// (`unreadable`) and for the command line's checks of its options.
public func unreadableReason(errno code: Int32) -> String {
    unreadableReason(errno: code, chinese: false)
}

/// `unreadableReason(errno:)` in English or Chinese.
public func unreadableReason(errno code: Int32, chinese: Bool) -> String {
    if chinese {
        switch code {
        case ENOENT: return "文件不存在"
        case ENOTDIR: return "路径中有一段不是文件夹"
        case EISDIR: return "这是一个文件夹"
        case EACCES, EPERM: return "没有读取权限"
        case ELOOP: return "路径中的符号链接形成了循环"
        case ENAMETOOLONG: return "路径超过系统允许的长度"
        case EMFILE, ENFILE: return "打开的文件过多"
        default: return String(cString: strerror(code))
        }
    }
    switch code {
    case ENOENT: return "it does not exist"
    case ENOTDIR: return "a part of the path is not a folder"
    case EISDIR: return "it is a folder"
    case EACCES, EPERM: return "permission denied"
    case ELOOP: return "the path loops through symbolic links"
    case ENAMETOOLONG: return "the path is longer than the system allows"
    case EMFILE, ENFILE: return "too many open files"
    default: return String(cString: strerror(code))
    }
}

/// Why `path` cannot be opened, as `unreadableReason(errno:)`, except that a path that is itself
/// a symbolic link to a missing file says so and names the target: `ls` shows such a file, so "it
/// does not exist" would send the user looking in the wrong place.
public func unreadableReason(errno code: Int32, path: String, chinese: Bool = false) -> String {
    if code == ENOENT, let target = danglingLinkTarget(path) {
        return chinese ? "它是指向“\(target)”的符号链接，而该目标不存在" : "it is a symbolic link to '\(target)', which does not exist"
    }
    return unreadableReason(errno: code, chinese: chinese)
}

/// The target of `path` when `path` is a symbolic link whose target cannot be found; nil otherwise.
public func danglingLinkTarget(_ path: String) -> String? {
    var info = stat()
    guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, stat(path, &info) != 0, errno == ENOENT
    else { return nil }
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let n = readlink(path, &buffer, buffer.count - 1)
    guard n >= 0 else { return nil }
    return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// Why a file cannot be read, in the reader's words (`unreadableReason`), with what to do.
func unreadable(_ path: String, errno code: Int32) -> InputError {
    // A name listed from a folder that is not UTF-8 (saved as GBK) reaches Swift with U+FFFD in
    // place of its bytes, and under that name it does not exist.
    if code == ENOENT && path.contains("\u{FFFD}") { return notUTF8Name(path) }
    let hint: String
    let hintZh: String
    switch code {
    case ENOENT, ENOTDIR, ELOOP, ENAMETOOLONG: (hint, hintZh) = ("check the path", "请检查路径")
    case EISDIR: (hint, hintZh) = ("give the path of a file", "请给出文件的路径")
    case EACCES, EPERM: (hint, hintZh) = ("check that it is readable (permissions)", "请检查文件是否可读（权限）")
    case EMFILE, ENFILE:
        (hint, hintZh) = (
            "raise the limit on open files (ulimit -n; plancast needs a few dozen)",
            "请提高可打开文件数的上限（ulimit -n；plancast 需要几十个）"
        )
    default: (hint, hintZh) = ("check the file and the disk", "请检查文件和磁盘")
    }
    return InputError(
        file: path, "cannot read the file: \(unreadableReason(errno: code, path: path))", hint: hint,
        zh: "无法读取文件：\(unreadableReason(errno: code, path: path, chinese: true))", hintZh: hintZh)
}

/// A file or folder whose name is not UTF-8 text (shown with U+FFFD where its bytes were).
public func notUTF8Name(_ path: String) -> InputError {
    InputError(
        file: path, "its name is not UTF-8 text (� marks the bytes that are not), so it cannot be opened by that name",
        hint: "rename it in UTF-8 (convmv -f gbk -t utf-8 --notest NAME)",
        zh: "文件名不是 UTF-8 文本（� 标出了无法识别的字节），无法按此名称打开",
        hintZh: "请把文件名改为 UTF-8（convmv -f gbk -t utf-8 --notest 文件名）")
}

/// Locates the first byte that is not valid UTF-8: its line and its column in characters, as an
/// editor shows it (every byte before it on its line is valid UTF-8, so the characters are the
/// bytes that do not continue one, b & 0xC0 ≠ 0x80). The column was the byte's offset until
/// 2026-12-06: a bad byte after "高新技术企业," was at column 20, not 8.
private func invalidUTF8(_ bytes: [UInt8], file: String) -> InputError {
    var line = 1
    var lineStart = 0
    var i = 0
    while i < bytes.count {
        let b = bytes[i]
        let len: Int
        switch b {
        case 0x00...0x7F: len = 1
        case 0xC2...0xDF: len = 2
        case 0xE0...0xEF: len = 3
        case 0xF0...0xF4: len = 4
        default: len = 0
        }
        // The second byte's range as RFC 3629 §4 limits it: no overlong forms (E0 80–9F,
        // F0 80–8F), no surrogates (ED A0–BF) and nothing above U+10FFFF (F4 90–BF). Without
        // these a file with "\xE0\x80\x80" was "not valid text" with no line or column.
        let second: ClosedRange<UInt8> =
            switch b {
            case 0xE0: 0xA0...0xBF
            case 0xED: 0x80...0x9F
            case 0xF0: 0x90...0xBF
            case 0xF4: 0x80...0x8F
            default: 0x80...0xBF
            }
        let ok =
            len > 0 && i + len <= bytes.count
            && bytes[(i + 1)..<(i + len)].allSatisfy { $0 & 0xC0 == 0x80 }
            && (len == 1 || second.contains(bytes[i + 1]))
        if !ok {
            return InputError(
                file: file, line: line, column: bytes[lineStart..<i].count { $0 & 0xC0 != 0x80 } + 1,
                "the file is neither valid UTF-8 nor GB18030/GBK (byte 0x\(String(b, radix: 16)))",
                hint: "save it as UTF-8 (Excel: CSV UTF-8) or pass --encoding gb18030",
                zh: "文件既不是有效的 UTF-8，也不是 GB18030/GBK（字节 0x\(String(b, radix: 16))）",
                hintZh: "请另存为 UTF-8（Excel：CSV UTF-8），或加上 --encoding gb18030")
        }
        if b == 0x0A {
            line += 1
            lineStart = i + 1
        }
        i += len
    }
    return InputError(
        file: file, "the file is not valid text", hint: "save it as UTF-8", zh: "文件不是有效的文本",
        hintZh: "请另存为 UTF-8 编码")
}

/// UTF-16 text after its byte-order mark. An odd number of bytes (a file cut short) or a
/// surrogate without its pair (a broken character) is an error at its line and character.
private func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool, file: String) throws(InputError) -> String {
    guard bytes.count % 2 == 0 else {
        throw InputError(
            file: file, "the file is UTF-16 text with an odd number of bytes: it was cut short",
            hint: "save it again, as UTF-8 if you can (Excel: CSV UTF-8)",
            zh: "文件是 UTF-16 文本，但字节数为奇数：文件被截断了",
            hintZh: "请重新保存，最好存为 UTF-8（Excel：CSV UTF-8）")
    }
    var units = [UInt16]()
    units.reserveCapacity(bytes.count / 2)
    var i = bytes.startIndex
    while i < bytes.endIndex {
        let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
        units.append(bigEndian ? a << 8 | b : b << 8 | a)
        i += 2
    }
    if let text = String(validating: units, as: UTF16.self) { return text }
    var line = 1, column = 1, k = 0
    while k < units.count {
        let u = units[k]
        if (0xD800...0xDBFF).contains(u), k + 1 < units.count, (0xDC00...0xDFFF).contains(units[k + 1]) {
            k += 2
            column += 1
            continue
        }
        if (0xD800...0xDFFF).contains(u) { break }
        if u == 0x0A {
            line += 1
            column = 1
        } else {
            column += 1
        }
        k += 1
    }
    let bad = k < units.count ? String(units[k], radix: 16, uppercase: true) : "?"
    throw InputError(
        file: file, line: line, column: column,
        "the file is UTF-16 text with a broken character (a lone surrogate 0x\(bad))",
        hint: "save it again, as UTF-8 if you can (Excel: CSV UTF-8)",
        zh: "文件是 UTF-16 文本，其中有损坏的字符（孤立的代理项 0x\(bad)）",
        hintZh: "请重新保存，最好存为 UTF-8（Excel：CSV UTF-8）")
}

private func decodeGB18030(_ bytes: [UInt8], file: String) throws(InputError) -> String {
    let gb = try convertGB18030(bytes, file: file)
    if let failure = gb.failure { throw failure }
    return gb.text
}

/// GB18030 text as a string, or the error at the first byte that is not GB18030 (its line, and
/// its column in characters).
private func convertGB18030(_ bytes: [UInt8], file: String) throws(InputError)
    -> (text: String, failure: InputError?)
{
    if bytes.isEmpty { return ("", nil) }
    let cd = iconv_open("UTF-8", "GB18030")
    guard cd != iconv_t(bitPattern: -1) else {
        throw InputError(
            file: file, "this system's iconv cannot convert GB18030", hint: "save the file as UTF-8",
            zh: "本系统的 iconv 无法转换 GB18030", hintZh: "请把文件另存为 UTF-8")
    }
    defer { iconv_close(cd) }
    var input = bytes.map { CChar(bitPattern: $0) }
    var output = [CChar](repeating: 0, count: bytes.count * 2 + 16)
    let consumed: Int
    let produced: Int
    let failed: Bool
    (consumed, produced, failed) = input.withUnsafeMutableBufferPointer { inBuf in
        output.withUnsafeMutableBufferPointer { outBuf in
            var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
            var inLeft = inBuf.count
            var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
            var outLeft = outBuf.count
            // Bytes left unconverted are the failure (an invalid or cut-short character, or an
            // output buffer too small, which 2n + 16 bytes never is): iconv then returns -1 too.
            _ = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
            return (inBuf.count - inLeft, outBuf.count - outLeft, inLeft > 0)
        }
    }
    if failed {
        // The line and the column in characters, counted in what was converted (UTF-8): the
        // characters after its last line break are the bytes that do not continue one.
        let converted = output[..<produced].map { UInt8(bitPattern: $0) }
        let line = 1 + converted.count { $0 == 0x0A }
        let lineStart = converted.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let byte = String(bytes[consumed], radix: 16)
        let error = InputError(
            file: file, line: line, column: converted[lineStart...].count { $0 & 0xC0 != 0x80 } + 1,
            "the file is neither valid UTF-8 nor GB18030/GBK (byte 0x\(byte))",
            hint: "save it as UTF-8 (Excel: CSV UTF-8)", zh: "文件既不是有效的 UTF-8，也不是 GB18030/GBK（字节 0x\(byte)）",
            hintZh: "请另存为 UTF-8（Excel：CSV UTF-8）")
        return ("", error)
    }
    let utf8 = output[..<produced].map { UInt8(bitPattern: $0) }
    return (String(decoding: utf8, as: UTF8.self), nil)
}
