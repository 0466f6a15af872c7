#!/usr/bin/env python3
"""Writes the committed seed corpus (Fuzz/corpus/<target>/) and dictionaries.

Seeds are small real excerpts of fixtures/ plus hand-written shapes that exporters
produce: `;` with decimal commas, a BOM, CRLF and lone CR, quoted fields, Latin-1, every
GeoJSON geometry type, legacy `crs` members, OpenStreetMap road attributes, CRS
spellings and argument strings. Rerun after changing it; the output is deterministic.

    python3 Fuzz/make_corpus.py
"""

import json
import os
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "fixtures")
CORPUS = os.path.join(ROOT, "Fuzz", "corpus")
MAX_SEED = 4000  # below the 4096-byte -max_len of the file targets


def fixture_lines(path, count):
    """The header and the first `count` rows of a fixture CSV, bytes as stored."""
    with open(os.path.join(FIXTURES, path), "rb") as handle:
        lines = handle.read().split(b"\n")
    return b"\n".join(lines[: count + 1]) + b"\n"


def fixture_features(path, count, max_positions=None, digits=None):
    """A FeatureCollection with the first `count` features of a fixture GeoJSON.

    Long lines are cut to `max_positions` positions and coordinates rounded to `digits`
    so the seed stays small.
    """
    with open(os.path.join(FIXTURES, path), encoding="utf-8") as handle:
        document = json.load(handle)
    features = document["features"][:count]

    def shrink(node, depth=0):
        if isinstance(node, list) and node and isinstance(node[0], (int, float)):
            return [round(v, digits) if digits is not None else v for v in node]
        if isinstance(node, list):
            items = [shrink(item, depth + 1) for item in node]
            if max_positions and items and isinstance(items[0], list) and items[0] and \
                    isinstance(items[0][0], (int, float)) and len(items) > max_positions:
                closed = items[0] == items[-1]
                step = max(1, len(items) // max_positions)
                items = items[::step]
                if closed and items[-1] != items[0]:
                    items.append(items[0])
            return items
        return node

    for feature in features:
        if feature.get("geometry"):
            feature["geometry"]["coordinates"] = shrink(feature["geometry"]["coordinates"])
    result = {"type": "FeatureCollection", "features": features}
    if "crs" in document:
        result["crs"] = document["crs"]
    return json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def point_collection(geometry, properties=None, crs=None):
    document = {"type": "FeatureCollection",
                "features": [{"type": "Feature", "properties": properties or {},
                              "geometry": geometry}]}
    if crs is not None:
        document["crs"] = crs
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


CSV_SEEDS = {
    "tatorter.csv": fixture_lines("demo_arjeplog_skelleftea/population_tatorter_2020.csv", 3),
    "geonames.csv": fixture_lines("demo_arjeplog_skelleftea/population_geonames.csv", 3),
    "services_umea.csv": fixture_lines("demo_umea/services.csv", 3),
    "services_samsoe.csv": fixture_lines("roads/samsoe_services.csv", 3),
    "units_umea.csv": fixture_lines("roads/umea_units.csv", 3),
    "sweden_tatorter.csv": fixture_lines("sweden/tatorter_2020.csv", 2),
    "semicolon_decimal_comma.csv":
        "id;namn;befolkning;lon;lat\n1;Bastuträsk;322;20,040698;64,790201\n"
        "2;Norsjö;2036;19,480996;64,915266\n".encode("utf-8"),
    "ssb_grid_1km.csv":
        b"ssbid_1000m;pop_tot;pop_mal;pop_fem;pop_ave\n19250006616000;10;6;4;39,9\n"
        b"19250006617000;146;79;67;39,2\n",
    "ssb_grid_250m.csv": b"ru250m,pop\n22500006800000,12\n22502506800250,3\n",
    "grid_unnamed.csv": b"cell,population\n19250006616000,10\n19250006617000,0\n",
    "bom_crlf.csv": b"\xef\xbb\xbfid,name,population,lon,lat\r\n1,A,10,18.5,64.5\r\n"
                    b"2,B,20,18.6,64.6\r\n",
    "lone_cr.csv": b"id,population,lon,lat\r1,5,18,64\r\r2,6,19,65\r",
    "quoted.csv": b'id,name,population,lon,lat\n1,"Skellefte\xc3\xa5, centrum",100,20.9,64.7\n'
                  b'2,"He said ""hi""\non two lines",5,21,64\n3,"a"b,1,"2",3\n',
    "tab.tsv": b"id\tname\tpopulation\tx\ty\n1\tA\t3,5\t739368.1\t7194608.2\n",
    "latin1.csv": b"id,namn,befolkning,lon,lat\n1,Malm\xf6,10,13.0,55.6\n2,\xc5re,5,13.1,63.4\n",
    "header_only.csv": b"id,name,population,lon,lat\n",
    "blank_lines.csv": b"\n\nid,population,lon,lat\n\n1,2,3,4\n\n\n",
    "wrong_field_count.csv": b"id,population,lon,lat\n1,2,3\n2,3,4,5,6\n3,4,5,6,,\n",
    "unterminated_quote.csv": b'id,name,population,lon,lat\n1,"open,1,2,3\n',
    "numbers.csv": b"id,population,lon,lat\n1,1e3,.5,5.\n2,+3,-0,1E-2\n3,NaN,inf,-Infinity\n"
                   b"4,1e400,0x10,12345678901234567890.123\n5, 7 ,\t18\t,64\n",
    "sweref.csv": b"id,population,x,y\n1,10,739368.1,7194608.2\n2,5,1500000,6500000\n",
    "rt90.csv": b"id,population,x,y\n1,10,7194608,1739368\n",
    "swapped.csv": b"id,population,lon,lat\n1,10,64.5,18.5\n2,3,64.6,18.4\n",
    "services_full.csv":
        b"id,name,category,capacity,opened,closed,year,kommun_kod,lon,lat\n"
        b"s1,ICA,grocery,2,2019,2021-06-30,2020,2417,20.04,64.79\n"
        b"s2,Apotek,pharmacy,,2020-02,,2020,2418,18.73,65.18\n"
        b"s3,Bank,atm,-1,2020-02-30,x,2020,2418,18.7,65.1\n",
    "services_semicolon.csv": "id;namn;kategori;kapacitet;lon;lat\n1;Åre;grocery;1,5;13,1;63,4\n"
                              .encode("utf-8"),
    "speeds.csv": b"highway,speed_kmh\ntertiary,60\nresidential,30\n",
    "speeds_semicolon.csv": b"Highway;Speed_KMH;note\nprimary;82,5;x\ntrack;0;\nprimary;70;\n",
    "extra_blank_fields.csv": b"id,population,lon,lat\n1,2,18,64,,\n2,3,18,64, ,\n",
}

GEOJSON_SEEDS = {
    "services.geojson": fixture_features("demo_arjeplog_skelleftea/services.geojson", 2),
    "tatorter.geojson": fixture_features(
        "demo_arjeplog_skelleftea/population_tatorter_2020.geojson", 2),
    "kommun.geojson": fixture_features(
        "demo_arjeplog_skelleftea/kommuner.geojson", 1, max_positions=40, digits=4),
    "umea_kommun.geojson": fixture_features(
        "roads/umea_kommuner.geojson", 1, max_positions=40, digits=4),
    "samsoe_roads.geojson": fixture_features(
        "roads/samsoe_roads.geojson", 3, max_positions=6, digits=5),
    "helsinki_services.geojson": fixture_features("osm/helsinki_centre_services.geojson", 2),
    "point.geojson": point_collection(
        {"type": "Point", "coordinates": [18.5, 64.5]},
        {"id": 1, "name": "A", "population": 10, "category": "grocery"}),
    "multipoint.geojson": point_collection(
        {"type": "MultiPoint", "coordinates": [[18.5, 64.5]]}, {"population": 1}),
    "multipoint_two.geojson": point_collection(
        {"type": "MultiPoint", "coordinates": [[18.5, 64.5], [18.6, 64.6]]}, {"population": 1}),
    "linestring.geojson": point_collection(
        {"type": "LineString", "coordinates": [[18.5, 64.5], [18.6, 64.6], [18.7, 64.6]]},
        {"highway": "primary", "maxspeed": "70 km/h", "oneway": "yes", "length_m": 120.5}),
    "multilinestring.geojson": point_collection(
        {"type": "MultiLineString",
         "coordinates": [[[18.5, 64.5], [18.6, 64.6]], [[18.6, 64.6], [18.6, 64.6]]]},
        {"highway": "track", "maxspeed": "40 mph", "oneway": -1, "length_m": "12"}),
    "polygon_hole.geojson": point_collection(
        {"type": "Polygon", "coordinates": [
            [[18, 64], [19, 64], [19, 65], [18, 65], [18, 64]],
            [[18.2, 64.2], [18.4, 64.2], [18.4, 64.4], [18.2, 64.2]]]},
        {"kommun_kod": "2417", "namn": "Norsjö", "population": 5}),
    "polygon_bowtie_open.geojson": point_collection(
        {"type": "Polygon", "coordinates": [[[18, 64], [19, 65], [19, 64], [18, 65]]]},
        {"id": "bowtie"}),
    "multipolygon.geojson": point_collection(
        {"type": "MultiPolygon", "coordinates": [
            [[[18, 64], [19, 64], [19, 65], [18, 64]]],
            [[[20, 64], [21, 64], [21, 65], [20, 64]]]]},
        {"code": 24, "name": None}),
    "geometry_collection.geojson": point_collection(
        {"type": "GeometryCollection", "geometries": [
            {"type": "Point", "coordinates": [18, 64]},
            {"type": "GeometryCollection", "geometries": []}]}),
    "bare_geometry.geojson": b'{"type":"Point","coordinates":[18.5,64.5,120]}',
    "single_feature.geojson":
        b'{"type":"Feature","id":"u1","properties":{"pop":3},'
        b'"geometry":{"type":"Point","coordinates":[18.5,64.5]}}',
    "bare_geometry_in_collection.geojson":
        b'{"type":"FeatureCollection","features":[{"type":"Point","coordinates":[1,2]},null]}',
    "crs_urn.geojson": point_collection(
        {"type": "Point", "coordinates": [739368.1, 7194608.2]}, {"population": 1},
        {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}}),
    "crs_epsg_code.geojson": point_collection(
        {"type": "Point", "coordinates": [500000, 7000000]}, {"population": 1},
        {"type": "EPSG", "properties": {"code": 3006}}),
    "crs_code_string.geojson": point_collection(
        {"type": "Point", "coordinates": [500000, 7000000]}, {"population": 1},
        {"type": "EPSG", "properties": {"code": "25833"}}),
    "crs_string.geojson": point_collection(
        {"type": "Point", "coordinates": [18, 64]}, {"population": 1}, "EPSG:4326"),
    "crs_crs84.geojson": point_collection(
        {"type": "Point", "coordinates": [18, 64]}, {"population": 1},
        {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}),
    "crs_unnamed.geojson": point_collection(
        {"type": "Point", "coordinates": [18, 64]}, {"population": 1},
        {"type": "link", "properties": {"href": "x"}}),
    "crs_null.geojson": point_collection(
        {"type": "Point", "coordinates": [18, 64]}, {"population": 1}, None).replace(
        b'"features"', b'"crs":null,"features"'),
    "null_geometry_properties.geojson":
        b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":null,'
        b'"geometry":null},{"type":"Feature","properties":{"a":[1,{"b":true}],"c":false},'
        b'"geometry":{"type":"Point","coordinates":[1,2]}}]}',
    "strings_escapes.geojson":
        b'\xef\xbb\xbf{"type":"Feature","properties":{"name":"\\u00e5\\ud83d\\ude00\\n\\t\\"\\\\\\/",'
        b'"category":" grocery ","population":"12"},"geometry":{"type":"Point",'
        b'"coordinates":[-0,1E+1]}}',
    "numbers.geojson":
        b'{"type":"Point","coordinates":[1.5e-7,-2.25E2,0.000000000000000000000001,'
        b'123456789012345678901234567890]}',
    "roads_attributes.geojson": json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"highway": h, "maxspeed": m, "oneway": o,
                                           "junction": j},
         "geometry": {"type": "LineString", "coordinates": [[10.5 + i / 100, 55.8],
                                                            [10.51 + i / 100, 55.81]]}}
        for i, (h, m, o, j) in enumerate([
            ("motorway", 110, True, None), ("residential", "50;70", "no", None),
            ("service", "SE:urban", "reverse", None), (" tertiary ", "walk", None, "roundabout"),
            ("track", "12 knots", "1", "circular"), (None, "", "maybe", None),
            (7, -5, False, None)])]}).encode("utf-8"),
    "nested_arrays.geojson": b'{"type":"Point","coordinates":' + b"[" * 100 + b"]" * 100 + b"}",
    "not_geojson.geojson": b'[{"type":"Feature"}]',
    "empty_collection.geojson": b'{"type":"FeatureCollection","features":[]}',
}

CRS_SEEDS = [
    "EPSG:3006", "epsg:3006", "3006", " EPSG:4326 ", "EPSG:25833", "EPSG:3021", "EPSG:32733",
    "EPSG:3857", "EPSG:4258", "urn:ogc:def:crs:EPSG::3006", "urn:ogc:def:crs:EPSG:6.6:3006",
    "urn:ogc:def:crs:OGC:1.3:CRS84", "OGC:CRS84", "CRS84", "WGS84", "WGS 84", "ESRI:102001",
    "IGNF:LAMB93", "+proj=utm +zone=33 +datum=WGS84 +units=m +no_defs",
    "+proj=longlat +datum=WGS84 +no_defs", "+proj=tmerc +lat_0=0 +lon_0=15 +k=0.9996 "
    "+x_0=500000 +y_0=0 +ellps=GRS80 +units=m",
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],'
    'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]',
    'PROJCS["SWEREF99 TM",GEOGCS["SWEREF99",DATUM["SWEREF99",SPHEROID["GRS 1980",6378137,'
    '298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],'
    'PROJECTION["Transverse_Mercator"],PARAMETER["central_meridian",15],'
    'PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],UNIT["metre",1]]',
    "EPSG:4326+5773", "EPSG:5514", "auto", "", "EPSG:", "EPSG:99999999",
]

ARGUMENT_SEEDS = [
    "5km", "10km", "500m", "2.5 km", "20min", "0.5KM", "5km,10km", "grocery=5km,10km",
    "atm=10km,25km", "5km,10km\natm=10km,25km\nfuel=10min,20min", "x=1e-3m",
    "atm:25km<=0.3%", "grocery:10min<=2%", "pharmacy : 10 km <= 100 %",
    "grocery:shop=supermarket|convenience", "atm:amenity=*", "fuel:amenity = fuel | charging",
    "2020", "2020-03", "2020-01-31", "2021-02-29", "19250006616000", "ru250m", "ssbid_1000m",
    "grocery:10km,atm:25km",
]

DICTIONARIES = {
    "csv": ['","', '";"', '"\\x09"', '"\\x0d\\x0a"', '"\\x0d"', '"\\x22"', '"\\x22\\x22"',
            '"\\xef\\xbb\\xbf"', '"lon"', '"lat"', '"x"', '"y"', '"easting"', '"northing"',
            '"population"', '"befolkning"', '"pop_tot"', '"category"', '"kategori"',
            '"amenity"', '"id"', '"name"', '"namn"', '"capacity"', '"opened"', '"closed"',
            '"year"', '"ru250m"', '"ru1000m"', '"ssbid_1000m"', '"19250006616000"',
            '"highway"', '"speed_kmh"', '"NaN"', '"inf"', '"1e400"', '"-0"', '"0,5"',
            '"1e-7"', '"2020-02-29"', '"\\xc3\\xa5"', '"\\xe5"'],
    "geojson": ['"{"', '"}"', '"["', '"]"', '":"', '","', '"null"', '"true"', '"false"',
                '"\\x22type\\x22"', '"\\x22FeatureCollection\\x22"', '"\\x22Feature\\x22"',
                '"\\x22features\\x22"', '"\\x22geometry\\x22"', '"\\x22properties\\x22"',
                '"\\x22coordinates\\x22"', '"\\x22geometries\\x22"', '"\\x22Point\\x22"',
                '"\\x22MultiPoint\\x22"', '"\\x22LineString\\x22"',
                '"\\x22MultiLineString\\x22"', '"\\x22Polygon\\x22"',
                '"\\x22MultiPolygon\\x22"', '"\\x22GeometryCollection\\x22"', '"\\x22id\\x22"',
                '"\\x22crs\\x22"', '"\\x22name\\x22"', '"\\x22code\\x22"', '"\\x22EPSG\\x22"',
                '"urn:ogc:def:crs:EPSG::3006"', '"urn:ogc:def:crs:OGC:1.3:CRS84"',
                '"\\x22highway\\x22"', '"\\x22maxspeed\\x22"', '"\\x22oneway\\x22"',
                '"\\x22junction\\x22"', '"\\x22roundabout\\x22"', '"\\x22length_m\\x22"',
                '"\\x22population\\x22"', '"\\x22category\\x22"', '"\\x22kommun_kod\\x22"',
                '"\\x5cu00e5"', '"\\x5cud83d\\x5cude00"', '"1e308"', '"-1"', '"mph"',
                '"km/h"', '"[[[["', '"]]]]"'],
    "crs": ['"EPSG:"', '"epsg:"', '"urn:ogc:def:crs:EPSG::"', '"urn:ogc:def:crs:OGC:1.3:"',
            '"CRS84"', '"OGC:"', '"ESRI:"', '"IGNF:"', '"+proj="', '"+datum=WGS84"',
            '"+ellps=GRS80"', '"+units=m"', '"+zone="', '"+south"', '"+no_defs"',
            '"+init="', '"+towgs84="', '"+nadgrids="', '"pipeline"', '"+step"', '"+inv"',
            '"GEOGCS["', '"PROJCS["', '"GEOGCRS["', '"PROJCRS["', '"COMPOUNDCRS["',
            '"BOUNDCRS["', '"DATUM["', '"SPHEROID["', '"UNIT["', '"PARAMETER["', '"]"',
            '"3006"', '"4326"', '"25833"', '"+"', '"@"'],
    "arguments": ['"km"', '"m"', '"min"', '"="', '","', '":"', '"<="', '"%"', '"|"', '"*"',
                  '"grocery"', '"atm"', '"fuel"', '"amenity"', '"shop"', '"\\x0a"', '"e-"',
                  '"1e308"', '"4e-324"', '"nan"', '"inf"', '"0x1p3"', '"-"', '"2020-"'],
}


def write(target, name, content):
    assert len(content) <= MAX_SEED, (target, name, len(content))
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as handle:
        handle.write(content)


def main():
    if os.path.isdir(CORPUS):
        shutil.rmtree(CORPUS)
    for name, content in CSV_SEEDS.items():
        write("csv", name, content)
    for name, content in GEOJSON_SEEDS.items():
        write("geojson", name, content)
    # Loader seeds: the selector byte (see Sources/FuzzLoaders) before the content.
    population, services, regions, roads, speeds = 0, 1, 2, 3, 4
    geojson, skip, flag = 0x08, 0x10, 0x80
    crs3006, crs4326, crs25833 = 0x20, 0x40, 0x60
    for name, content in CSV_SEEDS.items():
        if name.startswith("speeds"):
            selectors = [speeds]
        elif name.startswith("services"):
            selectors = [services, services | skip]
        elif name.startswith(("ssb", "grid")):
            selectors = [population, population | flag | crs3006]
        elif name in ("sweref.csv", "tab.tsv", "rt90.csv"):
            selectors = [population, population | crs3006 | skip]
        else:
            selectors = [population, population | skip]
        for selector in selectors:
            write("loaders", f"{selector:02x}_{name}", bytes([selector]) + content)
    for name, content in GEOJSON_SEEDS.items():
        if "roads" in name or "linestring" in name:
            selectors = [roads | geojson, roads | geojson | flag | skip]
        elif "kommun" in name or "polygon" in name:
            selectors = [regions | geojson, population | geojson | skip]
        elif "services" in name:
            selectors = [services | geojson, services | geojson | crs4326]
        elif name.startswith("crs"):
            selectors = [population | geojson, roads | geojson | crs25833]
        else:
            selectors = [population | geojson, services | geojson | skip]
        for selector in selectors:
            write("loaders", f"{selector:02x}_{name}", bytes([selector]) + content)
    for index, text in enumerate(CRS_SEEDS):
        write("crs", f"crs{index:02d}", text.encode("utf-8"))
    for index, text in enumerate(ARGUMENT_SEEDS):
        write("arguments", f"argument{index:02d}", text.encode("utf-8"))
    for name, entries in DICTIONARIES.items():
        with open(os.path.join(ROOT, "Fuzz", f"{name}.dict"), "w", encoding="utf-8") as handle:
            handle.write("# libFuzzer dictionary, written by Fuzz/make_corpus.py\n")
            handle.write("\n".join(entries) + "\n")
    with open(os.path.join(ROOT, "Fuzz", "loaders.dict"), "w", encoding="utf-8") as handle:
        handle.write("# libFuzzer dictionary, written by Fuzz/make_corpus.py\n")
        handle.write("\n".join(DICTIONARIES["csv"] + DICTIONARIES["geojson"]) + "\n")


if __name__ == "__main__":
    main()
