/// The Lua scripts `RedisJobStore` runs: each is one atomic step of a job's life, so no two workers can interleave in
/// the middle of one. Every script takes the key prefix as ARGV[1] and times as milliseconds since 1970.
///
/// Keys under the prefix: `job:<id>` (a hash: job, queue, payload, state, attempts, max, error, result, callback, trace,
/// runAt, created, updated, priority), `ready:<name>` (a queue's ready ids, a sorted set by `rank`: highest priority
/// first, then earliest due; `queue:<name>`, the list an earlier version kept, is drained into it),
/// `scheduled` (delayed jobs and retries, by due time), `leases` (running jobs, by lease expiry), `dead` (by time of
/// death), `callbacks` (pending callbacks, by time) and `succeeded` (by time, for the retention purge). The scripts
/// touch keys they build from the prefix, which standalone Redis allows (Redis Cluster would not).
enum RedisJobScripts {
    /// `ready(p, key, id)` puts a job in its queue's ready set at its rank: (100 − priority) × 10¹³ + runAt in
    /// milliseconds, so a higher priority comes first and, within one, the earlier due. Priorities are −100…100 and
    /// times below 10¹³ ms (the year 2286), so every rank is an integer below 2⁵³, exact in a score.
    private static let ready = """
        local function ready(p, key, id)
          local f = redis.call('HMGET', key, 'priority', 'runAt', 'queue')
          local rank = (100 - (tonumber(f[1]) or 0)) * 10000000000000 + (tonumber(f[2]) or 0)
          redis.call('ZADD', p .. 'ready:' .. f[3], rank, id)
        end

        """

    /// ARGV: prefix, now, then 9 per job: id, job, queue, payload, maxAttempts, runAt, trace, created, priority. A job
    /// whose id is already known is skipped, so the relay may push the same job twice (after a crash) without running
    /// it twice.
    static let enqueue = ready + """
        local p = ARGV[1]
        local now = tonumber(ARGV[2])
        local added = 0
        for i = 3, #ARGV, 9 do
          local id = ARGV[i]
          local key = p .. 'job:' .. id
          if redis.call('EXISTS', key) == 0 then
            local runAt = tonumber(ARGV[i + 5])
            redis.call('HSET', key, 'job', ARGV[i + 1], 'queue', ARGV[i + 2], 'payload', ARGV[i + 3], 'state', 'queued',
              'attempts', 0, 'max', ARGV[i + 4], 'runAt', ARGV[i + 5], 'trace', ARGV[i + 6], 'created', ARGV[i + 7],
              'updated', now, 'error', '', 'result', '', 'callback', '', 'priority', ARGV[i + 8])
            if runAt > now then
              redis.call('ZADD', p .. 'scheduled', runAt, id)
            else
              ready(p, key, id)
            end
            added = added + 1
          end
        end
        return added
        """

    /// ARGV: prefix, now, leaseUntil, limit, queues…. Moves due scheduled jobs to their queues, then takes up to
    /// `limit` jobs, in the order of the queues given. Returns 7 values per job: id, job, queue, payload, attempts,
    /// maxAttempts, trace.
    static let claim = ready + """
        local p = ARGV[1]
        local now = tonumber(ARGV[2])
        local limit = tonumber(ARGV[4])
        local due = redis.call('ZRANGEBYSCORE', p .. 'scheduled', '-inf', now, 'LIMIT', 0, 1000)
        for _, id in ipairs(due) do
          redis.call('ZREM', p .. 'scheduled', id)
          local key = p .. 'job:' .. id
          if redis.call('EXISTS', key) == 1 then ready(p, key, id) end
        end
        local out = {}
        local taken = 0
        for q = 5, #ARGV do
          while true do
            local id = redis.call('RPOP', p .. 'queue:' .. ARGV[q])
            if not id then break end
            ready(p, p .. 'job:' .. id, id)
          end
          while taken < limit do
            local popped = redis.call('ZPOPMIN', p .. 'ready:' .. ARGV[q])
            local id = popped[1]
            if not id then break end
            local key = p .. 'job:' .. id
            local f = redis.call('HMGET', key, 'state', 'job', 'payload', 'attempts', 'max', 'trace')
            if f[1] == 'queued' or f[1] == 'failed' then
              local attempts = tonumber(f[4]) + 1
              redis.call('HSET', key, 'state', 'running', 'attempts', attempts, 'updated', now)
              redis.call('ZADD', p .. 'leases', ARGV[3], id)
              for _, v in ipairs({id, f[2], ARGV[q], f[3], tostring(attempts), f[5], f[6]}) do table.insert(out, v) end
              taken = taken + 1
            end
          end
        end
        return out
        """

    /// The start of every script that acts on a running job for its worker: ARGV prefix, id, attempts. It returns 0
    /// (the fence) unless the job is still running as that attempt — a worker whose lease ran out changes nothing.
    private static let fenced = """
        local p = ARGV[1]
        local id = ARGV[2]
        local key = p .. 'job:' .. id
        local f = redis.call('HMGET', key, 'state', 'attempts', 'queue')
        if f[1] ~= 'running' or f[2] ~= ARGV[3] then return 0 end

        """

    /// After `fenced`, in a script that ends an attempt: ARGV callbackPending (1/0), now. The lease goes, and the
    /// job's callback (`callback`, for its hash) is pending when it has one to run.
    private static let ending = fenced + """
        redis.call('ZREM', p .. 'leases', id)
        local callback = ''
        if ARGV[4] == '1' then
          callback = 'pending'
          redis.call('ZADD', p .. 'callbacks', ARGV[5], id)
        end

        """

    /// ARGV: prefix, id, attempts, leaseUntil. 1 when the job is still running as that attempt.
    static let renew = fenced + """
        redis.call('ZADD', p .. 'leases', ARGV[4], id)
        return 1
        """

    /// ARGV: prefix, id, attempts, now. A claimed job that has not started goes back to its place in its queue.
    static let release = ready + fenced + """
        redis.call('HSET', key, 'state', 'queued', 'attempts', tonumber(f[2]) - 1, 'updated', ARGV[4])
        redis.call('ZREM', p .. 'leases', id)
        ready(p, key, id)
        return 1
        """

    /// ARGV: prefix, id, attempts, callbackPending (1/0), now, result.
    static let succeed = ending + """
        redis.call('HSET', key, 'state', 'succeeded', 'result', ARGV[6], 'error', '', 'callback', callback, 'updated', ARGV[5])
        redis.call('ZADD', p .. 'succeeded', ARGV[5], id)
        return 1
        """

    /// ARGV: prefix, id, attempts, callbackPending (1/0), now, error, state (failed = retried at runAt, or dead), runAt.
    static let fail = ending + """
        redis.call('HSET', key, 'state', ARGV[7], 'error', ARGV[6], 'callback', callback, 'updated', ARGV[5])
        if ARGV[7] == 'failed' then
          redis.call('HSET', key, 'runAt', ARGV[8])
          redis.call('ZADD', p .. 'scheduled', ARGV[8], id)
        else
          redis.call('ZADD', p .. 'dead', ARGV[5], id)
        end
        return 1
        """

    /// ARGV: prefix, id, outcome (done or failed), error, now. Takes the job out of the pending callbacks.
    static let finishCallback = """
        local p = ARGV[1]
        local key = p .. 'job:' .. ARGV[2]
        if redis.call('ZREM', p .. 'callbacks', ARGV[2]) == 0 then return 0 end
        redis.call('HSET', key, 'callback', ARGV[3], 'updated', ARGV[5])
        if ARGV[3] == 'failed' then redis.call('HSET', key, 'error', 'callback: ' .. ARGV[4]) end
        return 1
        """

    /// ARGV: prefix, pendingBefore, takenUntil, limit, queues…. Callbacks pending since before `pendingBefore` of jobs
    /// on `queues`, each taken until `takenUntil` (so two housekeepers do not both take it), its id followed by its
    /// job's hash. Entries whose job is gone are dropped.
    static let pendingCallbacks = """
        local p = ARGV[1]
        local limit = tonumber(ARGV[4])
        local queues = {}
        for q = 5, #ARGV do queues[ARGV[q]] = true end
        local out = {}
        for _, id in ipairs(redis.call('ZRANGEBYSCORE', p .. 'callbacks', '-inf', ARGV[2], 'LIMIT', 0, 1000)) do
          if #out >= limit then break end
          local key = p .. 'job:' .. id
          local queue = redis.call('HGET', key, 'queue')
          if not queue then
            redis.call('ZREM', p .. 'callbacks', id)
          elseif queues[queue] then
            redis.call('ZADD', p .. 'callbacks', ARGV[3], id)
            table.insert(out, {id, redis.call('HGETALL', key)})
          end
        end
        return out
        """

    /// ARGV: prefix, now. Running jobs whose lease ran out go back to their place in their queue.
    static let requeueExpired = ready + """
        local p = ARGV[1]
        local count = 0
        for _, id in ipairs(redis.call('ZRANGEBYSCORE', p .. 'leases', '-inf', ARGV[2], 'LIMIT', 0, 1000)) do
          redis.call('ZREM', p .. 'leases', id)
          local key = p .. 'job:' .. id
          local f = redis.call('HMGET', key, 'state', 'queue')
          if f[1] == 'running' then
            redis.call('HSET', key, 'state', 'queued', 'updated', ARGV[2])
            ready(p, key, id)
            count = count + 1
          end
        end
        return count
        """

    /// ARGV: prefix, limit. The oldest dead letters, each its id followed by its hash.
    static let dead = """
        local p = ARGV[1]
        local out = {}
        for _, id in ipairs(redis.call('ZRANGE', p .. 'dead', 0, tonumber(ARGV[2]) - 1)) do
          table.insert(out, {id, redis.call('HGETALL', p .. 'job:' .. id)})
        end
        return out
        """

    /// ARGV: prefix, id, now. A dead job back in its queue, due now, with its attempts reset.
    static let requeue = ready + """
        local p = ARGV[1]
        local key = p .. 'job:' .. ARGV[2]
        local f = redis.call('HMGET', key, 'state', 'queue')
        if f[1] ~= 'dead' then return 0 end
        redis.call('HSET', key, 'state', 'queued', 'attempts', 0, 'callback', '', 'runAt', ARGV[3], 'updated', ARGV[3])
        redis.call('ZREM', p .. 'dead', ARGV[2])
        redis.call('ZREM', p .. 'callbacks', ARGV[2])
        ready(p, key, ARGV[2])
        return 1
        """

    /// ARGV: prefix, before. Forgets succeeded jobs finished before then whose callback is not pending.
    static let purge = """
        local p = ARGV[1]
        local count = 0
        for _, id in ipairs(redis.call('ZRANGEBYSCORE', p .. 'succeeded', '-inf', ARGV[2], 'LIMIT', 0, 1000)) do
          if not redis.call('ZSCORE', p .. 'callbacks', id) then
            redis.call('DEL', p .. 'job:' .. id)
            redis.call('ZREM', p .. 'succeeded', id)
            count = count + 1
          end
        end
        return count
        """
}
