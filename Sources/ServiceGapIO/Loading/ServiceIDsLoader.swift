/// Reads a list of service ids, such as the services to close in a what-if.
public enum ServiceIDsLoader {
  /// The ids in `file`, in file order.
  ///
  /// Its `id` column when it is a CSV with one (any case), else the first field of every
  /// line (one id per line, no header). Blank ids are left out.
  ///
  /// - Parameter file: The file; also its name in messages.
  /// - Returns: The ids in file order.
  /// - Throws: ``InputError`` for a missing, unreadable or empty file.
  public static func load(file: String) throws -> [String] {
    let rows = try CSVRows(fileWithoutRows: file)
    let idColumn = rows.header.firstIndex {
      $0.trimmingCharacters(in: .whitespaces).lowercased() == "id"
    }
    var ids: [String] = []
    if idColumn == nil, let first = rows.header.first?.trimmingCharacters(in: .whitespaces),
      !first.isEmpty
    {
      ids.append(first)
    }
    try rows.forEachRow { row throws(InputError) in
      if let id = row.trimmedString(column: idColumn ?? 0), !id.isEmpty { ids.append(id) }
    }
    return ids
  }
}
