// swift-tools-version: 6.0
// plancast: how likely is each target of an action plan to be met?
//
// Targets are listed bottom-up: each depends only on targets above it in this file (an arrow never
// points up), and each declares exactly the plancast targets it imports. See DEVELOPERS.md "Map".
import PackageDescription

let package = Package(
    name: "plancast",
    products: [
        .executable(name: "plancast", targets: ["plancast"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "Regression", targets: ["Regression"]),
        .library(name: "Indicators", targets: ["Indicators"]),
        .library(name: "Forecasting", targets: ["Forecasting"]),
        .library(name: "IO", targets: ["IO"]),
        .library(name: "PlanFiles", targets: ["PlanFiles"]),
        .library(name: "Runs", targets: ["Runs"]),
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

        // Atomic exchange of two folders (renameat2), for swapping a finished run into place.
        .target(name: "CFileSwap"),

        // Bottom layer: files in and out, no plancast target below it and no statistics in it.
        .target(
            name: "IO",
            dependencies: [
                .product(name: "CSV", package: "CSV.swift"), "Yams",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // Parallel loops whose results do not depend on the number of threads.
        .target(name: "Parallel"),
        .target(name: "LinearAlgebra", dependencies: ["CBLAS", "CLAPACKE"]),
        .target(name: "Regression", dependencies: ["LinearAlgebra"]),

        // The domain and its statistics (pure: no files, no clock but timings, no terminal).
        .target(name: "Indicators"),
        .target(name: "Forecasting", dependencies: ["Indicators", "Parallel"]),
        .target(name: "Simulation", dependencies: ["LinearAlgebra", "Parallel", "Indicators", "Forecasting"]),
        .target(
            name: "Scenarios", dependencies: ["LinearAlgebra", "Parallel", "Indicators", "Forecasting", "Simulation"]),

        // Edges: reading plans and scenarios, writing tables and reports, the run pipeline.
        .target(
            name: "PlanFiles",
            dependencies: ["IO", "Indicators", "Forecasting", "Simulation", "Scenarios", "Yams"]),
        .target(name: "Reporting", dependencies: ["IO", "Indicators", "Forecasting", "Simulation", "Scenarios"]),
        .target(
            name: "Runs",
            dependencies: [
                "CFileSwap", "IO", "Parallel", "Regression", "Indicators", "Forecasting", "Simulation", "Scenarios",
                "PlanFiles", "Reporting",
            ]),
        .target(name: "SimulationBenchmark", dependencies: ["LinearAlgebra", "Parallel", "Simulation"]),
        .executableTarget(
            name: "plancast",
            dependencies: [
                "IO", "Parallel", "Regression", "Indicators", "Forecasting", "PlanFiles", "Reporting", "Runs",
                "Scenarios",
                "SimulationBenchmark",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .testTarget(name: "IOTests", dependencies: ["IO"], exclude: ["Fixtures"]),
        .testTarget(name: "ParallelTests", dependencies: ["Parallel"]),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(
            name: "RegressionTests", dependencies: ["Regression"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "IndicatorsTests", dependencies: ["Indicators"]),
        .testTarget(
            name: "ForecastingTests", dependencies: ["Forecasting", "Indicators"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "SimulationTests", dependencies: ["Simulation", "LinearAlgebra", "Indicators", "Forecasting"]),
        .testTarget(name: "SimulationBenchmarkTests", dependencies: ["SimulationBenchmark"]),
        .testTarget(name: "ScenariosTests", dependencies: ["Scenarios", "Simulation", "Indicators", "Forecasting"]),
        .testTarget(name: "PlanFilesTests", dependencies: ["PlanFiles", "IO", "Indicators"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "Scenarios", "Simulation", "Indicators"]),
        .testTarget(
            name: "RunsTests",
            dependencies: [
                "Runs", "IO", "Reporting", "Parallel", "Forecasting", "PlanFiles", "Indicators", "Scenarios",
                "Simulation",
            ],
            exclude: ["Fixtures"]),
        .testTarget(name: "PlancastCLITests", dependencies: ["plancast"], exclude: ["Fixtures"]),
    ]
)
