import Forecasting
import Foundation
import IO

/// The merged calibration of a sharded forecast: magic, the fingerprint of the request it was
/// made for (input SHA-256 and settings), s₀ of both kinds and the standardised errors.
public enum CalibrationFile {
    static let magic = "plancast-calibration-1"

    static func write(_ b: BatchCalibration, fingerprint: String, to path: String) throws(OutputError) {
        var w = BinaryWriter()
        w.write(magic)
        w.write(fingerprint)
        w.write(b.s0Free)
        w.write(b.s0Other)
        w.write(b.own.count)
        for stratum in b.own {
            w.write(stratum.count)
            for errors in stratum { w.write(errors) }
        }
        try writeAtomically(w.data, to: path)
    }

    static func read(_ path: String, expecting fingerprint: String) throws(InputError) -> BatchCalibration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(
                file: path, "cannot read the calibration file", hint: "plancast merge writes it",
                zh: "无法读取校准文件", hintZh: "它由 plancast merge 写出")
        }
        return try decode(data, file: path, expecting: fingerprint)
    }

    /// The calibration in `data` (the bytes of `file`), if it was made for `fingerprint`.
    public static func decode(_ data: Data, file path: String, expecting fingerprint: String) throws(InputError)
        -> BatchCalibration
    {
        var r = BinaryReader(data)
        func damaged(_ why: String, _ zh: String) -> InputError {
            InputError(
                file: path, "damaged (\(why))", hint: "merge the calibration parts again", zh: "文件损坏（\(zh)）",
                hintZh: "请重新合并校准分片")
        }
        do {
            guard try r.string() == magic else {
                throw InputError(
                    file: path, "not a plancast calibration file", hint: "plancast merge writes it",
                    zh: "不是 plancast 的校准文件", hintZh: "它由 plancast merge 写出")
            }
            guard try r.string() == fingerprint else {
                throw InputError(
                    file: path, "was made for another input or other settings",
                    hint: "run the calibration pass with the same input and options, and merge it",
                    zh: "它是为另一个输入或其他设置做的", hintZh: "请用相同的输入和选项运行校准，再合并")
            }
            let free = try r.double(), other = try r.double()
            guard free.isFinite, free > 0, other.isFinite, other > 0 else {
                throw damaged("a batch scale that is not a positive number", "批次尺度不是正数")
            }
            let strata = try r.int()
            guard strata == ErrorScale.strata else { throw damaged("strata", "分层数") }
            var own = [[[Double]]]()
            for _ in 0..<strata {
                let steps = try r.int()
                guard steps >= 1 && steps <= 100 else { throw damaged("steps", "步数") }
                var s = [[Double]]()
                for _ in 0..<steps { s.append(try r.doubles()) }
                own.append(s)
            }
            guard r.isAtEnd else { throw damaged("bytes after the end", "结尾之后还有字节") }
            return BatchCalibration(s0Free: free, s0Other: other, own: own)
        } catch let e as InputError {
            throw e
        } catch {
            throw InputError(
                file: path, "truncated or damaged (\(error))", hint: "merge the calibration parts again",
                zh: "文件被截断或损坏（\(error)）", hintZh: "请重新合并校准分片")
        }
    }
}
