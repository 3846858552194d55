@testable import HelpdeskServer
import HelpdeskModels

/// The helpdesk's `Comment`, under a name Swift Testing's own `Comment` does not shadow in the test files.
typealias HelpdeskComment = Comment
