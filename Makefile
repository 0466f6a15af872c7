# servicegap: two commands do all the set-up.
#   make demo   installs PROJ/GEOS if missing, builds, analyses the bundled demo area
#   make test   installs what the tests need, builds and runs every test
SHELL := /bin/bash
SWIFT ?= swift
# GDAL (GeoPackage, OpenStreetMap, PostGIS) is a package trait; make builds with it.
TRAITS := --traits GDAL
BIN := .build/release/servicegap
DEMO := fixtures/demo_arjeplog_skelleftea
ROADS := fixtures/roads

.PHONY: demo sweden test deps test-deps build lint oracle bench clean

deps:
	@Scripts/install-deps.sh

test-deps:
	@Scripts/install-deps.sh --test

build: deps
	$(SWIFT) build -c release $(TRAITS) --product servicegap

demo: build
	$(BIN) analyze \
	  --population $(DEMO)/population_tatorter_2020.csv \
	  --services $(DEMO)/services.geojson \
	  --regions $(DEMO)/kommuner.geojson --region-field kommun_kod \
	  --categories grocery,fuel,pharmacy,atm,health \
	  --out out/demo_arjeplog_skelleftea --timings
	@echo
	@echo "== Along the roads: the six municipalities of the Umeå region =="
	$(BIN) analyze --mode network \
	  --population $(ROADS)/umea_units.csv \
	  --services fixtures/demo_umea/services.csv \
	  --regions $(ROADS)/umea_kommuner.geojson \
	  --roads $(ROADS)/umea_region_roads.geojson --length-field length_m \
	  --thresholds 10min,20min --thresholds pharmacy=10km,25km \
	  --out out/demo_umea_network --timings

# All of Sweden: SCB's 1 km population grid (103,464 cells), every service category,
# zones in all 290 municipalities. Cells and services join their municipality by code.
sweden: build
	$(BIN) analyze \
	  --population fixtures/sweden/befolkning_1km_2024.csv \
	  --services fixtures/sweden/services_sweden.csv \
	  --regions fixtures/sweden/kommuner.geojson --region-field kommun_kod \
	  --out out/sweden --timings

# What it runs, in order: Scripts/run-tests.sh.
test: test-deps
	SWIFT=$(SWIFT) Scripts/run-tests.sh

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests

oracle:
	python3 Scripts/oracle/straight_line_oracle.py
	python3 Scripts/oracle/numeric_edges_oracle.py
	python3 Scripts/oracle/grid_oracle.py

bench: build
	SKIP_BUILD=1 Benchmarks/run.sh
	SKIP_BUILD=1 Benchmarks/run_network.sh

# Opens every output (folder, GeoPackage, PostGIS) in ogrinfo, QGIS (installed with apt
# when missing) and psql; not part of `make test`.
.PHONY: check-clients
check-clients: build
	SERVICEGAP_BINARY=$(BIN) Scripts/check-clients.sh

clean:
	rm -rf .build out
