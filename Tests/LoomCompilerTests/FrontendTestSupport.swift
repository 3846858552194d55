@testable import LoomCompiler

/// Compiles one file called `bad.loom` (or `name`).
func compileSchema(_ text: String, file name: String = "bad.loom") -> Frontend.Result {
    Frontend.compile(name: "test", files: [SourceFile(path: name, text: text)])
}

/// The printed form of every diagnostic, as a user sees them.
func diagnosticDescriptions(_ text: String, file name: String = "bad.loom") -> [String] {
    compileSchema(text, file: name).diagnostics.map(\.description)
}

/// A model that passes every check, to embed a construct under test.
let validUserModel = """
    model User {
      id Int @id @autoincrement
    }

    """

/// The example schema of the language description: valid.
let exampleStoreSchema = """
    /// A store customer.
    model User timestamps {
      id        Int          @id @autoincrement
      fullName  String(120)
      email     String(255)  @unique
      nickname  String(40)?  @default("x")
      active    Bool         @default(true)
      score     Double       @index
      lastSeen  DateTime?
    }

    model OrderItem table "order_items" {
      id        Int @id @autoincrement
      quantity  Int @default(1)
    }

    resource User at "/users" {
      crud                      // all five operations
      pagination offset         // offset (default) | cursor
    }

    resource OrderItem at "/order-items" {
      crud create, get, list    // a chosen subset of: create get list update delete
    }

    """

/// A model with text, number and JSON fields, for what a resource lets a list filter and sort on.
let productModel = """
    model Product {
      id Int @id @autoincrement
      name String(80)
      category String(40)
      price Int
      meta JSON
    }

    """
