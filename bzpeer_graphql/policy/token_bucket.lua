-- One client's token bucket, taken from atomically by every server process.
-- KEYS[1]: the bucket; ARGV: rate (tokens per second), burst, requests to take.
-- Returns 0 when allowed, else the whole seconds to wait. Time is the Redis server's own.
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local requests = tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens >= requests then
  tokens = tokens - requests
else
  wait = math.max(1, math.ceil((requests - tokens) / rate))
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
-- a bucket left alone until it is full again is the same as no bucket
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate * 1000) + 1000)
return wait
