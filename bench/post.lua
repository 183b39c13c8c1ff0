-- wrk script: sequential posting of distinct comments by distinct readers (one connection).
-- Each request has its own author, client address (X-Forwarded-For: the server runs with
-- --trust-proxy) and text drawn at random from a vocabulary, so that flood and duplicate
-- checks see ordinary traffic, not one reader pasting the same comment.
local n = 0
local words = {
  "riz", "marché", "prix", "route", "famille", "Bamako", "Ségou", "pluie", "récolte",
  "transport", "gouvernement", "coopérative", "kilo", "sac", "camion", "frontière", "douane",
  "commerçant", "hivernage", "fleuve", "mil", "gaz", "bouteille", "salaire", "école", "enfants",
  "quartier", "mairie", "électricité", "coupure", "eau", "forage", "taxi", "essence", "pain",
  "lait", "sucre", "huile", "engrais", "tracteur", "paysans", "jeunes", "emploi", "banque",
  "crédit", "tontine", "fête", "Tabaski", "mosquée", "église", "radio", "journal", "article",
  "ministre", "député", "élection", "village", "Kayes", "Mopti", "Sikasso"}
math.randomseed(42)
request = function()
  n = n + 1
  local parts = {}
  for i = 1, 30 do parts[i] = words[math.random(#words)] end
  local body = string.format(
    '{"author":"Lecteur %d","text":"Commentaire %d : %s."}', n, n, table.concat(parts, " "))
  local headers = {["Content-Type"] = "application/json",
                   ["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.floor(n / 65536) % 256,
                                                       math.floor(n / 256) % 256, n % 256)}
  return wrk.format("POST", "/api/v1/threads/bench/post-article/comments", headers, body)
end
