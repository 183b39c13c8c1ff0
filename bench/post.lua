-- wrk script: sequential posting of distinct comments by distinct readers (one connection).
-- Each request has its own author, client address (X-Forwarded-For, the server runs with
-- --trust-proxy) and text, so that flood and duplicate checks see ordinary traffic.
local n = 0
local words = {"riz", "marché", "prix", "route", "famille", "Bamako", "Ségou", "pluie",
               "récolte", "transport", "gouvernement", "coopérative", "kilo", "sac"}
request = function()
  n = n + 1
  local parts = {}
  for i = 1, 30 do parts[i] = words[((n * 7 + i * 13) % #words) + 1] end
  local body = string.format(
    '{"author":"Lecteur %d","text":"Commentaire %d : %s."}', n, n, table.concat(parts, " "))
  local headers = {["Content-Type"] = "application/json",
                   ["X-Forwarded-For"] = string.format("10.%d.%d.%d", (n >> 16) % 256,
                                                       (n >> 8) % 256, n % 256)}
  return wrk.format("POST", "/api/v1/threads/bench/post-article/comments", headers, body)
end
