package io.wrongodb;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of storage-lib (docs/architecture.md): a layer uses only layers below it. Storage knows nothing of
 * documents, commands, the wire or replication; nothing but the server assembles the whole.
 */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.wrongodb");
    }

    @Test
    void layersOnlyUseLayersBelowThem() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("storage")
                .definedBy("io.wrongodb.storage..")
                .layer("error")
                .definedBy("io.wrongodb.error..")
                .layer("bson")
                .definedBy("io.wrongodb.bson..")
                .layer("catalog")
                .definedBy("io.wrongodb.catalog..")
                .layer("query")
                .definedBy("io.wrongodb.query..")
                .layer("aggregate")
                .definedBy("io.wrongodb.aggregate..")
                .layer("write")
                .definedBy("io.wrongodb.write..")
                .layer("repl")
                .definedBy("io.wrongodb.repl..")
                .layer("command")
                .definedBy("io.wrongodb.command..")
                .layer("wire")
                .definedBy("io.wrongodb.wire..")
                .layer("server")
                .definedBy("io.wrongodb.server..")
                .whereLayer("server")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("wire")
                .mayOnlyBeAccessedByLayers("server")
                .whereLayer("command")
                .mayOnlyBeAccessedByLayers("wire", "server")
                .whereLayer("repl")
                .mayOnlyBeAccessedByLayers("command", "wire", "server")
                .whereLayer("write")
                .mayOnlyBeAccessedByLayers("repl", "command", "wire", "server")
                .whereLayer("aggregate")
                .mayOnlyBeAccessedByLayers("write", "repl", "command", "wire", "server")
                .whereLayer("query")
                .mayOnlyBeAccessedByLayers("aggregate", "write", "repl", "command", "wire", "server")
                .whereLayer("catalog")
                .mayOnlyBeAccessedByLayers("query", "aggregate", "write", "repl", "command", "wire", "server")
                .whereLayer("bson")
                .mayOnlyBeAccessedByLayers(
                        "catalog", "query", "aggregate", "write", "repl", "command", "wire", "server")
                .whereLayer("error")
                .mayOnlyBeAccessedByLayers(
                        "bson", "catalog", "query", "aggregate", "write", "repl", "command", "wire", "server")
                .check(classes);
    }

    @Test
    void storageNeverImportsTheLayersAboveIt() {
        noClasses()
                .that()
                .resideInAPackage("io.wrongodb.storage..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.wrongodb.error..",
                        "io.wrongodb.bson..",
                        "io.wrongodb.catalog..",
                        "io.wrongodb.query..",
                        "io.wrongodb.aggregate..",
                        "io.wrongodb.write..",
                        "io.wrongodb.repl..",
                        "io.wrongodb.command..",
                        "io.wrongodb.wire..",
                        "io.wrongodb.server..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theStorageEngineIsLayeredInside() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("support")
                .definedBy("io.wrongodb.storage.support..")
                .layer("block")
                .definedBy("io.wrongodb.storage.block..")
                .layer("txn")
                .definedBy("io.wrongodb.storage.txn..")
                .layer("wal")
                .definedBy("io.wrongodb.storage.wal..")
                .layer("page")
                .definedBy("io.wrongodb.storage.page..")
                .layer("cache")
                .definedBy("io.wrongodb.storage.cache..")
                .layer("btree")
                .definedBy("io.wrongodb.storage.btree..")
                .layer("api")
                .definedBy("io.wrongodb.storage")
                .whereLayer("api")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("btree")
                .mayOnlyBeAccessedByLayers("api")
                .whereLayer("cache")
                .mayOnlyBeAccessedByLayers("btree", "api")
                .whereLayer("page")
                .mayOnlyBeAccessedByLayers("cache", "btree", "api")
                .whereLayer("wal")
                .mayOnlyBeAccessedByLayers("api")
                .whereLayer("txn")
                .mayOnlyBeAccessedByLayers("page", "cache", "btree", "api")
                .whereLayer("block")
                .mayOnlyBeAccessedByLayers("txn", "page", "cache", "btree", "api")
                .check(classes);
    }

    @Test
    void theLibraryDoesNotDependOnQuarkus() {
        noClasses()
                .that()
                .resideInAPackage("io.wrongodb..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.quarkus..", "jakarta.enterprise..", "jakarta.inject..")
                .check(classes);
    }
}
