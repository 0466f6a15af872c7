import CFuzzerDriver
import Foundation
import ServiceGapIO

/// Runs a fuzz target under libFuzzer and checks what the code under test promises.
///
/// Every check that fails calls `fatalError`, which libFuzzer reports as a crash and saves
/// the input as `crash-…` in the artifact folder.
public enum Fuzzer {
  /// The test function libFuzzer calls once per input; it must return 0.
  public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

  /// Hands `test` to libFuzzer, which reads its flags from the command line; never returns.
  public static func run(_ test: TestOneInput) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, test))
  }

  /// The input as an array (libFuzzer passes a null pointer for the empty input).
  public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
  }

  /// Stops the run when `condition` is false.
  public static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("fuzz check failed: \(message())") }
  }

  /// Checks that a reader or loader failed the documented way: with an ``InputError`` whose
  /// message names the file.
  public static func checkInputError(_ error: any Error, file: String) {
    guard let inputError = error as? InputError else {
      fatalError("fuzz check failed: \(type(of: error)) instead of an InputError: \(error)")
    }
    let message = inputError.description
    check(message.contains(file), "the message does not name \(file): \(message)")
  }
}
