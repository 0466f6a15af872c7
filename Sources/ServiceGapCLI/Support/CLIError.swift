/// A problem found while running a command (not a misuse of its arguments):
/// printed as `Error: <message>` with exit status 1, without the usage text.
struct CLIError: Error, CustomStringConvertible {
  let message: String

  init(_ message: String) { self.message = message }

  var description: String { message }
}
