/// The XML of QGIS symbols and rules, as QGIS 3 writes them in a `.qml` style.
///
/// Properties go both as the `<Option type="Map">` QGIS 3.10 and later read and as the
/// older `<prop k= v=>` pairs, so older QGIS versions read the same style.
enum QMLSymbol {
  /// A simple circle marker filled with `colour`, outlined in white, whose size is the
  /// data-defined `sizeExpression` (in millimetres).
  static func marker(name: Int, colour: RGBColour, sizeExpression: String) -> String {
    symbol(
      name: name, type: "marker", layerClass: "SimpleMarker",
      properties: [
        ("angle", "0"), ("color", colour.qgis), ("horizontal_anchor_point", "1"),
        ("joinstyle", "bevel"), ("name", "circle"), ("offset", "0,0"),
        ("offset_map_unit_scale", "3x:0,0,0,0,0,0"), ("offset_unit", "MM"),
        ("outline_color", "255,255,255,255"), ("outline_style", "solid"),
        ("outline_width", "0.2"), ("outline_width_map_unit_scale", "3x:0,0,0,0,0,0"),
        ("outline_width_unit", "MM"), ("scale_method", "diameter"), ("size", "2"),
        ("size_map_unit_scale", "3x:0,0,0,0,0,0"), ("size_unit", "MM"),
        ("vertical_anchor_point", "1"),
      ],
      sizeExpression: sizeExpression)
  }

  /// A solid fill of `colour` without outline.
  static func fill(name: Int, colour: RGBColour) -> String {
    symbol(
      name: name, type: "fill", layerClass: "SimpleFill",
      properties: [
        ("border_width_map_unit_scale", "3x:0,0,0,0,0,0"), ("color", colour.qgis),
        ("joinstyle", "bevel"), ("offset", "0,0"), ("offset_map_unit_scale", "3x:0,0,0,0,0,0"),
        ("offset_unit", "MM"), ("outline_color", "35,35,35,255"), ("outline_style", "no"),
        ("outline_width", "0.26"), ("outline_width_unit", "MM"), ("style", "solid"),
      ],
      sizeExpression: nil)
  }

  /// A rule: a leaf with a filter and a symbol, or (with `children`) a group.
  static func rule(
    key: String, label: String, filter: String? = nil, symbol: Int? = nil, checked: Bool = true,
    children: [String] = []
  ) -> String {
    var xml = "<rule key=\"\(key)\" label=\"\(attribute(label))\""
    if let filter { xml += " filter=\"\(attribute(filter))\"" }
    if let symbol { xml += " symbol=\"\(symbol)\"" }
    if !checked { xml += " checkstate=\"0\"" }
    if children.isEmpty { return xml + "/>" }
    return xml + ">\n" + children.map { "        " + $0 + "\n" }.joined() + "      </rule>"
  }

  /// A complete style: the rule-based renderer with `rules` and `symbols`.
  ///
  /// - Parameters:
  ///   - rootKey: The root rule's key.
  ///   - rules: The top-level rules' XML.
  ///   - symbols: The symbols' XML.
  ///   - orderBy: An expression to order the drawing by, or nil for file order.
  ///   - ascending: Whether `orderBy` draws the smallest first.
  ///   - geometryType: 0 for points, 2 for polygons.
  /// - Returns: The `.qml` text.
  static func document(
    rootKey: String, rules: [String], symbols: [String], orderBy: String?, ascending: Bool,
    geometryType: Int
  ) -> String {
    var xml = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
    xml += "<qgis version=\"3.22.0\" styleCategories=\"Symbology\">\n"
    xml += "  <renderer-v2 type=\"RuleRenderer\" symbollevels=\"0\" "
    xml += "enableorderby=\"\(orderBy == nil ? 0 : 1)\" forceraster=\"0\" referencescale=\"-1\">\n"
    xml += "    <rules key=\"\(rootKey)\">\n"
    xml += rules.map { "      " + $0 + "\n" }.joined()
    xml += "    </rules>\n    <symbols>\n"
    xml += symbols.joined()
    xml += "    </symbols>\n"
    if let orderBy {
      xml += "    <orderby>\n      <orderByClause asc=\"\(ascending ? 1 : 0)\" nullsFirst=\"0\">"
      xml += HTMLText.escape(orderBy) + "</orderByClause>\n    </orderby>\n"
    }
    xml +=
      "  </renderer-v2>\n  <blendMode>0</blendMode>\n  <featureBlendMode>0</featureBlendMode>\n"
    xml += "  <layerGeometryType>\(geometryType)</layerGeometryType>\n</qgis>\n"
    return xml
  }

  /// A rule key in QGIS's form (`{xxxxxxxx-…}`), numbered, so the same result always
  /// gives the same file.
  static func key(_ prefix: UInt32, _ number: Int) -> String {
    let hex = String(number, radix: 16)
    let head = String(prefix, radix: 16)
    return "{" + String(repeating: "0", count: max(0, 8 - head.count)) + head
      + "-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - hex.count)) + hex + "}"
  }

  private static func symbol(
    name: Int, type: String, layerClass: String, properties: [(String, String)],
    sizeExpression: String?
  ) -> String {
    var xml = "      <symbol name=\"\(name)\" type=\"\(type)\" alpha=\"1\" clip_to_extent=\"1\" "
    xml += "force_rhr=\"0\">\n"
    xml += "        <data_defined_properties>\n" + emptyProperties(indent: "          ")
    xml += "        </data_defined_properties>\n"
    xml += "        <layer class=\"\(layerClass)\" enabled=\"1\" locked=\"0\" pass=\"0\">\n"
    xml += "          <Option type=\"Map\">\n"
    for (name, value) in properties {
      xml +=
        "            <Option name=\"\(name)\" type=\"QString\" value=\"\(attribute(value))\"/>\n"
    }
    xml += "          </Option>\n"
    for (name, value) in properties {
      xml += "          <prop k=\"\(name)\" v=\"\(attribute(value))\"/>\n"
    }
    xml += "          <data_defined_properties>\n"
    if let sizeExpression {
      xml += """
                    <Option type="Map">
                      <Option name="name" type="QString" value=""/>
                      <Option name="properties" type="Map">
                        <Option name="size" type="Map">
                          <Option name="active" type="bool" value="true"/>
                          <Option name="expression" type="QString" value="\(attribute(sizeExpression))"/>
                          <Option name="type" type="int" value="3"/>
                        </Option>
                      </Option>
                      <Option name="type" type="QString" value="collection"/>
                    </Option>

        """
    } else {
      xml += emptyProperties(indent: "            ")
    }
    xml += "          </data_defined_properties>\n        </layer>\n      </symbol>\n"
    return xml
  }

  private static func emptyProperties(indent: String) -> String {
    indent + "<Option type=\"Map\">\n"
      + indent + "  <Option name=\"name\" type=\"QString\" value=\"\"/>\n"
      + indent + "  <Option name=\"properties\"/>\n"
      + indent + "  <Option name=\"type\" type=\"QString\" value=\"collection\"/>\n"
      + indent + "</Option>\n"
  }

  /// XML attribute text.
  private static func attribute(_ text: String) -> String { HTMLText.escape(text) }
}
