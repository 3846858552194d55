/// The keys a configuration may hold: the server's own, and `jobs.<Job>.<option>` for each job of the schema, so a
/// job's name misspelled in the file is an error at start-up, not a setting ignored in silence.
struct SettingsCatalog: Sendable {
    /// What a job's settings may override of what the schema declares.
    static let jobOptions = ["retries", "queue", "timeout", "priority"]

    let keys: [String]
    let jobNames: [String]

    init(keys: [String], jobNames: [String]) {
        self.keys = keys
        self.jobNames = jobNames.sorted()
    }

    /// Every key, the jobs' included: what environment variables may set.
    var allKeys: [String] { keys + jobNames.flatMap { job in Self.jobOptions.map { "jobs.\(job).\($0)" } } }

    func isKey(_ key: String) -> Bool {
        if keys.contains(key) { return true }
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0] == "jobs" && jobNames.contains(String(parts[1])) && Self.jobOptions.contains(String(parts[2]))
    }

    func isSection(_ key: String) -> Bool {
        if keys.contains(where: { $0.hasPrefix(key + ".") }) { return true }
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts[0] == "jobs" && jobNames.contains(String(parts[1]))
    }

    func unknown(_ key: String, at place: String) -> ServerSettings.InvalidSetting {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 2, parts[0] == "jobs", !keys.contains(where: { $0.hasPrefix("jobs.\(parts[1])") }) {
            guard jobNames.contains(parts[1]) else {
                let jobs = jobNames.isEmpty ? "the schema has no jobs" : "the jobs are \(jobNames.joined(separator: ", "))"
                return ServerSettings.InvalidSetting(description: "\(place): unknown job '\(parts[1])' in '\(key)'; \(jobs)")
            }
            return ServerSettings.InvalidSetting(
                description: "\(place): unknown key '\(key)'; a job's keys are \(Self.jobOptions.joined(separator: ", "))")
        }
        let section = parts.dropLast().joined(separator: ".")
        let siblings = keys.filter { section.isEmpty ? true : $0.hasPrefix(section + ".") }.sorted()
        return ServerSettings.InvalidSetting(description: "\(place): unknown key '\(key)'; the keys are \(siblings.joined(separator: ", "))")
    }
}
