// swift-tools-version: 6.0
// libFuzzer harness for plancast's readers (CSV, observations, scenario YAML). Built and run by
// scripts/fuzz with `swift build --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address`
// (both sanitizers in one compiler flag: see scripts/fuzz); not part of the product.
import PackageDescription

let package = Package(
    name: "plancast-fuzz",
    dependencies: [.package(name: "plancast", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzReaders",
            dependencies: [
                .product(name: "IO", package: "plancast"), .product(name: "PlanFiles", package: "plancast"),
                .product(name: "Indicators", package: "plancast"), .product(name: "Runs", package: "plancast"),
                .product(name: "Forecasting", package: "plancast"),
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])])
    ]
)
