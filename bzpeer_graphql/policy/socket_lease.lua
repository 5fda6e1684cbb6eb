-- One client's open WebSockets, each a lease that lapses unless renewed; shared by every process.
-- KEYS[1]: the client's sorted set (member: a socket, score: when its lease lapses, in ms).
-- ARGV: the socket, the lease in ms, the most a client may hold (0: renew only, never refuse).
-- Returns 1 when the socket holds a lease now, 0 when the client holds as many as it may.
-- Time is the Redis server's own.
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local lease = tonumber(ARGV[2])
local most = tonumber(ARGV[3])
-- leases of processes that died without letting go have lapsed
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if most > 0 and not redis.call('ZSCORE', KEYS[1], ARGV[1])
    and redis.call('ZCARD', KEYS[1]) >= most then
  return 0
end
redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease)
return 1
