// swift-tools-version: 6.0
// plancast: how likely is each target of an action plan to be met?
// Targets in dependency order (an arrow never points up); see ../shared/DESIGN.md §1.
import PackageDescription

let package = Package(
    name: "plancast",
    products: [
        .executable(name: "plancast", targets: ["plancast"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "Regression", targets: ["Regression"]),
        .library(name: "Indicators", targets: ["Indicators"]),
        .library(name: "IO", targets: ["IO"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        // C libraries from Debian (apt-get install libopenblas-dev liblapacke-dev).
        // Only LinearAlgebra imports these two.
        .systemLibrary(
            name: "CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CLAPACKE", pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev"])]),

        .target(name: "LinearAlgebra", dependencies: ["CBLAS", "CLAPACKE"]),
        .target(name: "Regression", dependencies: ["LinearAlgebra"]),
        .target(name: "Indicators"),
        .target(
            name: "IO",
            dependencies: [
                "Indicators", "Forecasting", "Simulation", "Scenarios", .product(name: "CSV", package: "CSV.swift"), "Yams",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(name: "Forecasting", dependencies: ["Indicators"]),
        .target(name: "Simulation", dependencies: ["LinearAlgebra", "Indicators", "Forecasting"]),
        .target(name: "Scenarios", dependencies: ["Simulation", "Forecasting"]),
        .target(name: "Reporting", dependencies: ["Indicators", "Simulation", "Scenarios"]),
        .executableTarget(
            name: "plancast",
            dependencies: [
                "LinearAlgebra", "Regression", "Indicators", "Forecasting", "Simulation", "Scenarios", "IO", "Reporting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(
            name: "RegressionTests", dependencies: ["Regression", "IO"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "IndicatorsTests", dependencies: ["Indicators"]),
        .testTarget(name: "ForecastingTests", dependencies: ["Forecasting"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "LinearAlgebra"]),
        .testTarget(name: "IOTests", dependencies: ["IO", "Indicators"]),
        .testTarget(name: "PlancastCLITests", dependencies: ["plancast"], exclude: ["Fixtures"]),
    ]
)
