// The violence check's threat rules (code `threat`): explicit threats against the reader ("je
// vais te tuer") and implicit ones ("on sait où tu habites", a funeral, days counted, family
// warned, found dead).
#include "moderation/checks/violence/matcher.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace palabre::moderation::violence {

void Matcher::Threat(int i) {
  DeathPromise(i);
  KnowsWhere(i);
  Funeral(i);
  NotAlive(i);
  NeverSee(i);
  DaysCounted(i);
  FamilyWarning(i);
  FoundDead(i);
  Formulas(i);
  Routine(i);
}

// Threats said in set phrases, without a violent verb.
void Matcher::Formulas(int i) {
  auto add = [&](int from, int to, double score, const char* label) {
    Add(Code::kThreat, score, label, {{from, to}});
  };
  // "on te connaît", "on te voit", "nous te surveillons": a group that watches the reader.
  if (WordIn(i, {"on", "nous"}) && WordIn(i + 1, {"te", "t", "vous"}) &&
      WordIn(i + 2, {"connait", "connaissons", "voit", "voyons", "surveille", "surveillons", "suit",
                     "suivons", "observe", "observons"}) &&
      !WordIn(i - 1, {"ne", "n"}) && !Is(i + 3, kNot) && !(all_ & kSports)) {
    return add(i, i + 2, 0.7, "Menace : surveillance");
  }
  // "tu vas le regretter", "ta famille le regrettera".
  // Matched from "le": the verb itself carries no feature, so no rule starts from it.
  if (WordIn(i + 1, {"regretteras", "regretterez", "regretter", "regrettera", "regretteront"}) &&
      WordIn(i, {"le", "l"})) {
    for (int k = i - 1; k >= i - 3 && Same(k, i); --k) {
      if (Is(k, kSubject2) || (Is(k, kPrivate) && Is(k - 1, kPoss2))) {
        return add(Is(k, kPrivate) ? k - 1 : k, i + 1, 0.7, "Menace");
      }
      if (!WordIn(k, {"vas", "allez", "va", "vont"}) && !Is(k, kPrivate)) break;
    }
  }
  // Matched from the possessive or the article: the verbs carry no feature.
  // "vous en répondrez de votre vie", "tu le paieras de ta vie".
  if (Is(i, kPoss2) && Word(i + 1, "vie") && Word(i - 1, "de") &&
      WordIn(i - 2, {"repondrez", "repondras", "paieras", "paierez", "payeras", "payerez"})) {
    return add(i - 2, i + 1, 0.85, "Menace de mort");
  }
  // "il va mourir de ma main", "tu mourras de mes mains".
  if (WordIn(i, {"ma", "mes", "nos", "notre"}) && WordIn(i + 1, {"main", "mains"}) &&
      Word(i - 1, "de") &&
      WordIn(i - 2, {"mourir", "mourra", "mourras", "mourrez", "crever", "crevera"})) {
    return add(i - 2, i + 1, 0.85, "Menace de mort");
  }
  // "ta famille va recevoir une petite visite", "tu recevras une visite".
  if (WordIn(i, {"une", "la"}) &&
      WordIn(i - 1, {"recevoir", "recevras", "recevrez", "recevra", "recevront"}) &&
      (Word(i + 1, "visite") ||
       (WordIn(i + 1, {"petite", "drole", "bonne"}) && Word(i + 2, "visite"))) &&
      !Word(i + 2, "du") && !Word(i + 3, "du") &&
      RangeHas(SentenceBegin(i), i, kPoss2 | kSubject2)) {
    return add(i - 1, Word(i + 1, "visite") ? i + 1 : i + 2, 0.75, "Menace");
  }
  // "j'ai ton vrai nom maintenant", "on a ton vrai nom".
  if (WordIn(i, {"a", "ai", "avons"}) && WordIn(i - 1, {"j", "on", "nous"}) && Is(i + 1, kPoss2) &&
      Word(i + 2, "vrai") && Word(i + 3, "nom")) {
    return add(i - 1, i + 3, 0.75, "Menace : identité connue");
  }
  // "tu vas prendre une balle", "tu prendras une balle".
  if (Is(i, kSubject2)) {
    const int p = WordIn(i + 1, {"vas", "allez", "va"}) ? i + 2 : i + 1;
    if (WordIn(p, {"prendre", "prendras", "prendrez", "recevoir", "recevras", "recevrez"}) &&
        WordIn(p + 1, {"une", "des", "la"}) && WordIn(p + 2, {"balle", "balles"}) &&
        !(all_ & kSports)) {
      return add(i, p + 2, 0.85, "Menace de mort");
    }
  }
  // "une balle dans ta tête va te calmer", "une balle dans la tête, voilà ce qui t'attend".
  if (WordIn(i, {"balle", "balles"}) && Word(i + 1, "dans") &&
      (Is(i + 2, kPoss2) || (WordIn(i + 2, {"la", "le"}) && (all_ & (kSubject2 | kClitic2)))) &&
      WordIn(i + 3, {"tete", "crane", "nuque", "dos", "bouche"}) && !(all_ & kSports)) {
    return add(i, i + 3, 0.85, "Menace de mort");
  }
  // "c'est la dernière fois qu'on prévient", "dernière fois qu'on te prévient" said of a person.
  if (WordIn(i, {"on", "nous"}) && Word(i - 1, "qu") && Word(i - 2, "fois") &&
      Word(i - 3, "derniere") && (all_ & (kPerson | kSubject2 | kPoss2 | kWriting)) &&
      !(all_ & kSports)) {
    for (int j = i + 1; j <= i + 3 && Same(i, j); ++j) {
      if (WordIn(j, {"previent", "prevenons", "avertit", "avertissons", "previens"})) {
        return add(i - 3, j, 0.75, "Menace : dernier avertissement");
      }
      if (!IsClitic(j) && !Word(j, "vous")) break;
    }
  }
  // "tu ne perds rien pour attendre"
  if (WordIn(i, {"perds", "perdez", "perd"}) && Word(i + 1, "rien") && Word(i + 2, "pour") &&
      Word(i + 3, "attendre")) {
    return add(i, i + 3, 0.8, "Menace");
  }
  // "surveille tes arrières"
  if (WordIn(i, {"surveille", "surveillez", "surveilles"}) && Is(i + 1, kPoss2) &&
      Word(i + 2, "arrieres")) {
    return add(i, i + 2, 0.8, "Menace");
  }
  // "ton heure viendra", "ta dernière heure", "tes derniers jours"
  if (Is(i, kPoss2)) {
    if (WordIn(i + 1, {"heure", "jour", "tour"}) && Word(i + 2, "va") &&
        WordIn(i + 3, {"sonner", "arriver", "venir"})) {
      return add(i, i + 3, 0.8, "Menace de mort");  // "ton heure va sonner"
    }
    if (WordIn(i + 1, {"heure", "jour", "tour"}) &&
        (WordIn(i + 2, {"viendra", "approche", "arrive", "sonnera", "sonne"}) ||
         (WordIn(i + 2, {"est", "a"}) && WordIn(i + 3, {"venue", "arrivee", "proche", "sonne"}) &&
          !WordIn(i + 4, {"de", "d", "pour"})))) {
      return add(i, WordIn(i + 2, {"est", "a"}) ? i + 3 : i + 2, 0.8, "Menace de mort");
    }
    if (WordIn(i + 1, {"derniere", "derniers", "dernieres"}) &&
        WordIn(i + 2, {"heure", "heures", "jours", "prieres", "priere"})) {
      return add(i, i + 2, 0.8, "Menace de mort");
    }
    if (Word(i + 1, "tete") && (Word(i + 4, "prix") || Word(i + 5, "prix"))) {
      return add(i, i + 5, 0.8, "Menace de mort");  // "ta tête est mise à prix"
    }
  }
  // "mets ton testament à jour", "prépare ton testament"
  if (Is(i, kPoss2) && Word(i + 1, "testament") &&
      WordIn(i - 1, {"mets", "mettez", "fais", "faites", "prepare", "preparez", "ecris", "ecrivez",
                     "redige", "redigez"})) {
    return add(i - 1, i + 1, 0.8, "Menace de mort");
  }
  // "ton nom est sur la liste", "vos noms sont sur notre liste"
  if (Is(i, kPoss2) && WordIn(i + 1, {"nom", "noms"}) &&
      WordIn(i + 2, {"est", "sont", "figure", "figurent"}) && Word(i + 3, "sur") &&
      Word(i + 5, "liste") && !Word(i + 6, "electorale") && !Word(i + 6, "des") &&
      !Word(i + 6, "d")) {
    return add(i, i + 5, 0.75, "Menace");
  }
  // "tu es sur la liste", "tu seras le prochain"
  if (Is(i, kSubject2) && WordIn(i + 1, {"es", "e", "etes", "seras", "serez"})) {
    if (Word(i + 2, "sur") && Word(i + 4, "liste")) return add(i, i + 4, 0.75, "Menace");
    if (WordIn(i + 2, {"le", "la", "les"}) &&
        WordIn(i + 3, {"prochain", "prochaine", "prochains"}) &&
        (i + 4 >= n_ || !Same(i, i + 4) || t_[i + 4].clause_start)) {
      return add(i, i + 3, 0.75, "Menace");
    }
  }
  // "on te surveille", "on t'a vu hier à Kaya", "on t'aura", "on aura ta peau"
  if (Is(i, kSubject1) && !Word(i, "nous")) {
    int j = i + 1;
    if (Is(j, kClitic2) || Word(j, "vous")) {
      ++j;
      if (WordIn(j, {"a", "avons"})) ++j;
      if (WordIn(j, {"surveille", "surveillons", "observe", "observons", "suit", "suivons",
                     "repere", "reperes", "piste", "aura", "aurai", "aurons", "trouvera",
                     "trouverons", "aurez"})) {
        return add(i, j, 0.8, "Menace");
      }
    }
    if (WordIn(j, {"aura", "aurai", "aurons"}) && Is(j + 1, kPoss2) &&
        WordIn(j + 2, {"peau", "tete"})) {
      return add(i, j + 2, 0.85, "Menace de mort");
    }
  }
  // "je sais qui tu es"
  if (Is(i, kKnow) && Is(i - 1, kSubject1) && Word(i + 1, "qui") && Is(i + 2, kSubject2) &&
      WordIn(i + 3, {"es", "etes"})) {
    return add(i - 1, i + 3, 0.7, "Menace : identité connue");
  }
  // "ce qui va t'arriver", "il va t'arriver malheur"
  if (Word(i, "arriver") && (Is(i - 1, kClitic2) || Word(i - 1, "vous")) &&
      (WordIn(i - 2, {"va", "vas"}) || Word(i + 1, "malheur"))) {
    return add(i - 1, i, 0.75, "Menace");
  }
  // "tu finiras dans un sac", "tu vas regretter d'être né"
  if (Is(i, kSubject2)) {
    const int f = WordIn(i + 1, {"vas", "allez"}) ? i + 2 : i + 1;
    if (WordIn(f, {"finir", "finiras", "finirez"})) {
      for (int j = f + 1; j <= f + 4 && Same(i, j); ++j) {
        if (WordIn(j, {"sac", "cimetiere", "morgue", "tombe", "caniveau", "fosse", "cercueil",
                       "linceul", "poubelle"})) {
          return add(i, j, 0.8, "Menace de mort");
        }
      }
    }
    if (Word(f, "regretter") && Word(f + 1, "d") && Word(f + 2, "etre") &&
        WordIn(f + 3, {"ne", "nee", "venu", "venue"})) {
      return add(i, f + 3, 0.8, "Menace");
    }
  }
  // "attends-toi à une visite"
  if (WordIn(i, {"attends", "attendez"}) && WordIn(i + 1, {"toi", "vous"}) && Word(i + 2, "a") &&
      WordIn(i + 4, {"visite", "surprise", "surprises", "visites"})) {
    return add(i, i + 4, 0.75, "Menace");
  }
  // "(ce serait dommage) qu'il lui arrive quelque chose"
  if (WordIn(i, {"arrive", "arriver", "arrivera", "arrivent"}) &&
      (Is(i - 1, kClitic2) || WordIn(i - 1, {"lui", "leur", "vous"})) &&
      (Word(i + 1, "malheur") || (Word(i + 1, "quelque") && Word(i + 2, "chose"))) &&
      ((all_ & (kPoss2 | kPrivate | kWriting)) != 0)) {
    return add(i - 1, Word(i + 1, "malheur") ? i + 1 : i + 2, 0.75, "Menace");
  }
  // "dors avec un œil ouvert"
  if (WordIn(i, {"dors", "dormez"}) && Word(i + 2, "oeil") && Word(i + 3, "ouvert")) {
    return add(i, i + 3, 0.75, "Menace");
  }
  // "ta famille ne sera pas épargnée"
  if (WordIn(i, {"epargne", "epargnee", "epargnes", "epargnees"}) && Is(i - 1, kNot) &&
      RangeHas(SentenceBegin(i), i, kPoss2)) {
    return add(i - 3 >= 0 ? i - 3 : 0, i, 0.8, "Menace visant ses proches");
  }
  // "ta tête va rouler", "ton sang coulera", "ta femme sera veuve", "ton compte est bon"
  if (Is(i, kPoss2)) {
    const int j = i + 1;
    if (WordIn(j, {"tete", "sang", "corps", "cadavre"}) &&
        (WordIn(j + 1, {"coulera", "roulera", "tombera", "sautera"}) ||
         (WordIn(j + 1, {"va", "vont"}) &&
          WordIn(j + 2, {"couler", "rouler", "tomber", "sauter", "exploser"})))) {
      return add(i, WordIn(j + 1, {"va", "vont"}) ? j + 2 : j + 1, 0.85, "Menace de mort");
    }
    if (Is(j, kPrivate) && WordIn(j + 1, {"sera", "seront"}) &&
        WordIn(j + 2, {"veuve", "veuves", "orphelin", "orphelins", "orpheline"})) {
      return add(i, j + 2, 0.85, "Menace de mort");
    }
    if (Word(j, "compte") && Word(j + 1, "est") && Word(j + 2, "bon")) {
      return add(i, j + 2, 0.75, "Menace");
    }
  }
  // "tu vas te taire pour toujours"
  if (WordIn(i, {"taire", "tais", "tairas"}) && Word(i + 1, "pour") &&
      (WordIn(i + 2, {"toujours", "l", "bon"}) || Word(i + 3, "bon"))) {
    return add(i, i + 2, 0.75, "Menace de mort");
  }
  // "méfie-toi", "attention à toi" to someone who writes
  if ((WordIn(i, {"mefie", "mefiez"}) && WordIn(i + 1, {"toi", "vous"}) && (all_ & kWriting)) ||
      (Word(i, "attention") && t_[i].clause_start && Word(i + 1, "a") &&
       WordIn(i + 2, {"toi", "vous"}) && (all_ & kWriting))) {
    return add(i, WordIn(i, {"mefie", "mefiez"}) ? i + 1 : i + 2, 0.6, "Menace");
  }
  // "fais gaffe à toi" to someone who writes
  if (WordIn(i, {"gaffe", "attention"}) && WordIn(i - 1, {"fais", "faites", "fait"}) &&
      Word(i + 1, "a") && WordIn(i + 2, {"toi", "vous"}) && (all_ & kWriting)) {
    return add(i - 1, i + 2, 0.6, "Menace");
  }
}

// "tu vas mourir", "tu vas le regretter", "tu vas le payer cher", "t'es mort", "il est mort"
// after "la prochaine fois que".
void Matcher::DeathPromise(int i) {
  if (Is(i, kSubject2) || WordIn(i, {"il", "elle"})) {
    const bool second = Is(i, kSubject2);
    int j = i + 1;
    if (second && WordIn(j, {"vas", "allez", "va"})) {
      ++j;
      const bool pronoun = WordIn(j, {"le", "l"});
      if (pronoun) ++j;
      // "Si tu continues à fumer, tu vas mourir jeune" is advice: a condition counts only
      // about what the person writes.
      const bool advice = (RangeHas(SentenceBegin(i), i, kCondition) && !(all_ & kWriting)) ||
                          WordIn(j + 1, {"de", "d", "jeune", "vieux", "pauvre"});
      const bool regret_writing = Word(j, "regretter") &&
                                  WordIn(j + 1, {"d", "ce", "tes", "ton", "vos", "votre"}) &&
                                  RangeHas(j + 1, std::min(j + 6, SentenceEnd(j) + 1), kWriting);
      if ((!advice && WordIn(j, {"mourir", "crever", "disparaitre", "souffrir"})) ||
          (WordIn(j, {"payer", "regretter"}) &&
           (pronoun || WordIn(j + 1, {"cher", "tres", "amerement"}) || regret_writing))) {
        Add(Code::kThreat, 0.85, "Menace", {{i, j}});
        return;
      }
      return;
    }
    if (second &&
        (WordIn(j, {"mourras", "mourrez", "creveras", "creverez", "regretteras", "regretterez",
                    "paieras", "paierez", "payeras", "payerez"}) ||
         (WordIn(j, {"le", "l"}) && WordIn(j + 1, {"regretteras", "regretterez", "paieras",
                                                   "paierez", "payeras", "payerez"})))) {
      Add(Code::kThreat, 0.85, "Menace", {{i, Word(j, "le") || Word(j, "l") ? j + 1 : j}});
      return;
    }
    if (WordIn(j, {"es", "e", "etes", "est"})) {
      int k = j + 1;
      if (WordIn(k, {"deja", "bientot"})) ++k;
      if (WordIn(k, {"un", "des"}) && WordIn(k + 1, {"homme", "hommes", "femme"})) k += 2;
      if (!WordIn(k, {"mort", "morts", "morte"}) || WordIn(k + 1, {"de", "d"})) return;
      if (!second && !RangeHas(SentenceBegin(i), i, kCondition)) return;
      if (second && !Word(i, "t") && !Word(i, "tu") && !Word(i, "vous")) return;
      if (Football()) return;  // "Jaraaf vous êtes morts dimanche 😂 … au stade"
      Add(Code::kThreat, 0.85, "Menace de mort", {{i, k}});
    }
  }
}

// "on sait où tu habites", "ta voiture grise, on la connaît", "on connaît vos adresses".
void Matcher::KnowsWhere(int i) {
  const bool know = Is(i, kKnow);
  // "on a ton adresse", "on a noté ton adresse".
  const int noted = WordIn(i + 1, {"note", "releve", "retrouve", "trouve"}) ? i + 1 : i;
  const bool have = WordIn(i, {"a", "ai", "avons"}) && Is(noted + 1, kPoss2) &&
                    (WordIn(noted + 2, {"adresse", "numero", "plaque", "adresses"}) ||
                     // "nous avons vos noms" to those who wrote or published
                     (Word(noted + 2, "noms") && (all_ & kWriting) != 0));
  if (!know && !have) return;
  int k = i - 1;
  while (k >= 0 && Same(k, i) && k >= i - 3 && !Is(k, kSubject1 | kSubject2) && IsClitic(k)) --k;
  if (!Is(k, kSubject1) || !Same(k, i)) return;
  if (Negated(k + 1, i)) return;
  if (have) {
    Add(Code::kThreat, 0.8, "Menace : domicile ou proches connus", {{k, noted + 2}});
    return;
  }
  // "où tu habites", "où se trouve ta famille", "où il habite"; "par où tu passes", "ton convoi
  // … on sait par où il passe" (the reader's, not anyone's way).
  const bool way = Word(i + 1, "par") && Word(i + 2, "ou");
  const int where = way ? i + 2 : i + 1;
  if (Word(where, "ou")) {
    int j = where + 1;
    const bool yours = Is(j, kSubject2) || RangeHas(SentenceBegin(i), i, kPoss2);
    const bool who = Is(j, kSubject2) || WordIn(j, {"il", "elle", "ils", "se", "te", "t"});
    if (who && (!way || yours)) {
      ++j;
      if (WordIn(j, {"te", "se", "t", "s"})) ++j;
      if (Is(j, kDwell) ||
          (way && WordIn(j, {"passe", "passes", "passez", "passent", "rentre", "rentres"}))) {
        Add(Code::kThreat, 0.85, "Menace : domicile ou proches connus", {{k, j}});
        return;
      }
    }
  }
  // "on sait où tu bois ton café le soir", "on sait dans quelle crèche tu déposes ton fils le
  // matin", "on sait quelle voiture tu conduis": a group that knows the reader's habits. Not
  // "on sait où tu veux en venir".
  if (WordIn(k, {"on", "nous"}) && !(all_ & kSports)) {
    const int j = WordIn(i + 1, {"dans", "a"}) ? i + 2 : i + 1;
    const bool which = WordIn(j, {"quel", "quelle", "quels", "quelles"});
    const int who = Word(j, "ou") ? j + 1 : which ? j + 2 : -1;
    if (who > 0 && Is(who, kSubject2) &&
        !WordIn(who + 1, {"veux", "voulez", "veut", "cherches", "cherchez", "en", "as", "avez"})) {
      bool habit = which && Is(j + 1, kPrivate | kPlace);
      for (int m = who + 1; m <= SentenceEnd(i) && !habit; ++m) {
        habit = Is(m, kTime | kPrivate) || WordIn(m, {"matin", "chaque", "toujours"}) ||
                (t_[m].title_case && WordIn(m - 1, {"a", "au", "de"}));
      }
      if (habit) {
        Add(Code::kThreat, 0.8, "Menace : habitudes épiées", {{k, who + 1}});
        return;
      }
    }
  }
  // "on connaît son adresse": someone's address, whoever.
  for (int j = i + 1; j <= i + 3 && Same(i, j); ++j) {
    if (WordIn(j, {"son", "sa", "ses", "leur", "leurs"}) &&
        WordIn(j + 1, {"adresse", "adresses", "domicile", "plaque", "numero"})) {
      Add(Code::kThreat, 0.75, "Menace : domicile ou proches connus", {{k, i}, {j, j + 1}});
      return;
    }
  }
  // "on connaît ta maison" (a group that watches); "je connais ton quartier" is a reply, "je
  // connais ton adresse" is not.
  if (!WordIn(k, {"on", "nous"})) {
    for (int j = i + 1; j <= i + 3 && Same(i, j); ++j) {
      if (Is(j, kPoss2) && Is(j + 1, kPrivate) &&
          !WordIn(j + 1, {"quartier", "village", "rue", "ville", "pays", "region"})) {
        Add(Code::kThreat, 0.8, "Menace : domicile ou proches connus", {{k, i}, {j, j + 1}});
        return;
      }
    }
    return;
  }
  const int b = SentenceBegin(i);
  const int e = SentenceEnd(i);
  // "Votre Peugeot grise garée devant la mairie, Monsieur le maire, nous la connaissons".
  for (int j = std::max(b, i - 14); j <= std::min(e, i + 5); ++j) {
    if (Is(j, kPoss2) && Is(j + 1, kPrivate)) {
      Add(Code::kThreat, 0.8, "Menace : domicile ou proches connus",
          j < k ? std::vector<std::pair<int, int>>{{j, j + 1}, {k, i}}
                : std::vector<std::pair<int, int>>{{k, i}, {j, j + 1}});
      return;
    }
  }
}

// "prépare ton linceul", "tes funérailles", "ton cercueil est prêt"; "dis à ta mère de
// préparer le deuil".
void Matcher::Funeral(int i) {
  // Matched from the funeral word: "préparer" carries no feature. "préparer le deuil",
  // "préparer pagne de deuil", "préparer ses habits de deuil".
  int p = i - 1;
  while (p > i - 4 && WordIn(p, {"le", "la", "les", "l", "pagne", "pagnes", "habits", "tenue", "de",
                                 "d", "du", "son", "sa", "ses"})) {
    --p;
  }
  if (Is(i, kFuneral) && p < i - 1 && WordIn(p, {"preparer", "prepare", "preparez"})) {
    // An order passed on to the reader's relatives: "dis à ta mère de…", "dites à vos
    // familles de…" (not "courage à ta famille qui doit préparer les funérailles").
    for (int k = std::max({SentenceBegin(p), 2, p - 5}); k + 1 < p; ++k) {
      if (WordIn(k - 2, {"dis", "dites"}) && Word(k - 1, "a") && Is(k, kPoss2) &&
          Is(k + 1, kPrivate)) {
        Add(Code::kThreat, 0.85, "Menace : allusion à ses funérailles", {{k - 2, k + 1}, {p, i}});
        return;
      }
    }
  }
  if (!Is(i, kPoss2)) return;
  int j = i + 1;
  if (!Is(j, kFuneral)) return;
  if (all_ & kCondolence) return;
  int k = i - 1;
  const bool prepare = WordIn(
      k, {"prepare", "preparez", "achete", "achetez", "commande", "commandez", "creuse", "creusez",
          "reserve", "reservez", "choisis", "choisissez", "prepares", "organise"});
  Add(Code::kThreat, prepare ? 0.85 : 0.7, "Menace : allusion à ses funérailles",
      {{prepare ? k : i, j}});
}

// "tu ne sortiras pas vivant de Kaya", "il ne doit pas repartir vivant": matched from "pas".
void Matcher::NotAlive(int i) {
  if (!Word(i, "pas")) return;
  auto alive = [&](int k) { return WordIn(k, {"vivant", "vivante", "vivants", "vivantes"}); };
  // "tu ne sortiras pas vivant", "tu sortiras pas vivant": the future said to the reader.
  const bool you =
      alive(i + 1) &&
      WordIn(i - 1, {"sortiras", "sortirez", "repartiras", "repartirez", "rentreras", "rentrerez",
                     "reviendras", "reviendrez", "partiras", "partirez"}) &&
      (Is(i - 2, kSubject2) || (Is(i - 2, kNe) && Is(i - 3, kSubject2)));
  // "il ne doit pas repartir vivant": a call about someone.
  const bool call = alive(i + 2) && WordIn(i - 1, {"doit", "doivent", "faut"}) &&
                    WordIn(i + 1, {"sortir", "repartir", "rentrer", "revenir", "partir"});
  if (!you && !call) return;
  // A warning about a place, not a threat: "seul à Kidal tu ne reviendras pas vivant, c'est
  // trop dangereux".
  for (int k = SentenceBegin(i), e = SentenceEnd(i); k <= e; ++k) {
    if (WordIn(k, {"dangereux", "dangereuse", "danger", "prudent", "prudence", "risque"})) return;
  }
  Add(Code::kThreat, 0.85, "Menace de mort", {{i - 1, call ? i + 2 : i + 1}});
}

// "tu ne verras pas la fin du mois".
void Matcher::NeverSee(int i) {
  // Spoken French drops "ne": "tu verras pas Noël".
  const int o = WordIn(i + 1, {"ne", "n"}) ? 1 : 0;
  if (o == 0 && !Is(i, kSubject2)) return;
  const bool you = Is(i, kSubject2);
  const bool writer = (Is(i, kPerson) || WordIn(i, {"il", "elle"})) && (all_ & kWriting);
  if (!you && !writer) return;
  // "tu ne vas pas finir l'année", "tu vas pas voir la fin du mois".
  if (WordIn(i + 1 + o, {"vas", "allez", "va"}) && WordIn(i + 2 + o, {"pas", "plus", "jamais"}) &&
      WordIn(i + 3 + o,
             {"voir", "passer", "finir", "feter", "vivre", "atteindre", "terminer", "depasser"})) {
    if (SentenceHas(i, kEconomy)) return;
    for (int j = i + 4 + o; j <= i + 8 + o && Same(i, j); ++j) {
      if (WordIn(j, {"fin", "annee", "an", "mois", "semaine", "noel", "tabaski", "ramadan",
                     "korite", "tamkharit", "paques", "maouloud", "saison", "hivernage"})) {
        Add(Code::kThreat, 0.85, "Menace de mort", {{i, j}});
        return;
      }
    }
    return;
  }
  if (!WordIn(i + 1 + o, {"verras",     "verrez",     "passeras",   "passerez",   "finiras",
                          "finirez",    "feteras",    "feterez",    "vivras",     "vivrez",
                          "atteindras", "atteindrez", "termineras", "terminerez", "depasseras",
                          "verra",      "passera",    "vivra",      "fetera",     "atteindra"})) {
    return;
  }
  if (!WordIn(i + 2 + o, {"pas", "plus", "jamais"})) return;
  if (!SentenceHas(i, kTime) || SentenceHas(i, kEconomy)) return;
  int end = i + 2 + o;
  for (int j = i + 3 + o; j <= i + 6 + o && Same(i, j); ++j) {
    if (Is(j, kTime)) end = j;
  }
  Add(Code::kThreat, 0.85, "Menace de mort", {{i, end}});
}

// "tes jours sont comptés", "compte tes jours".
void Matcher::DaysCounted(int i) {
  if (Is(i, kPoss2) && Word(i + 1, "jours") && Word(i + 2, "sont") &&
      WordIn(i + 3, {"comptes", "compte"})) {
    Add(Code::kThreat, 0.85, "Menace de mort", {{i, i + 3}});
  } else if (WordIn(i, {"compte", "comptez"}) && Is(i + 1, kPoss2) && Word(i + 2, "jours")) {
    Add(Code::kThreat, 0.8, "Menace de mort", {{i, i + 2}});
  } else if (Word(i, "gare") && Word(i + 1, "a") && WordIn(i + 2, {"toi", "vous"})) {
    Add(Code::kThreat, 0.65, "Menace", {{i, i + 2}});
  }
}

// "pense à ta famille" (to someone who writes), "ta femme et tes enfants vont pleurer".
void Matcher::FamilyWarning(int i) {
  if (WordIn(i, {"pense", "pensez", "songe", "songez"}) && Word(i + 1, "a") && Is(i + 2, kPoss2) &&
      Is(i + 3, kPrivate) && (all_ & kWriting)) {
    Add(Code::kThreat, 0.7, "Menace visant ses proches", {{i, i + 3}});
    return;
  }
  if (Is(i, kPoss2) && Is(i + 1, kPrivate)) {
    for (int j = i + 2; j <= i + 6 && Same(i, j); ++j) {
      if (!WordIn(j, {"vont", "va"})) continue;
      // "ta femme va bientôt porter le deuil", "tes enfants vont pleurer".
      const int v = WordIn(j + 1, {"bientot", "tous", "toutes", "encore", "vite"}) ? j + 2 : j + 1;
      // Not "ta mère va pleurer de joie".
      const bool joy = Word(v + 1, "de") && WordIn(v + 2, {"joie", "bonheur", "fierte", "rire"});
      if (!joy &&
          WordIn(v, {"pleurer", "souffrir", "payer", "mourir", "disparaitre", "porter", "se"}) &&
          (!WordIn(v, {"porter", "se"}) || RangeHas(v, v + 5, kFuneral) ||
           WordIn(v + 1, {"rouler"}))) {
        Add(Code::kThreat, 0.8, "Menace visant ses proches", {{i, i + 1}, {j, v}});
        return;
      }
      if (ActAt(v) && ActAt(v)->def->kind != ActKind::kPursue) {
        Add(Code::kThreat, 0.8, "Menace visant ses proches", {{i, i + 1}, {j, v}});
        return;
      }
    }
  }
}

// "ce journaliste sera retrouvé mort", "il finira avec une machette dans le dos",
// "on l'attend à la sortie".
void Matcher::FoundDead(int i) {
  if (WordIn(i, {"sera", "seras", "serez", "seront"}) &&
      WordIn(i + 1, {"retrouve", "retrouvee", "retrouves", "retrouvees"}) &&
      WordIn(i + 2, {"mort", "morte", "morts", "mortes"})) {
    Add(Code::kThreat, 0.85, "Menace de mort", {{i, i + 2}});
    return;
  }
  if (WordIn(i, {"finira", "finiras", "finirez", "finiront", "finirai"})) {
    for (int j = i + 1; j <= i + 5 && Same(i, j); ++j) {
      if (WordIn(j, {"mort", "machette", "machettes", "balle", "balles", "caniveau", "cimetiere",
                     "tombe", "linceul", "cercueil", "couteau", "morgue"})) {
        Add(Code::kThreat, 0.8, "Menace de mort", {{i, i}, {j, j}});
        return;
      }
    }
  }
  if (WordIn(i, {"attend", "attendons", "attendrons"}) && Is(i - 2, kSubject1) &&
      WordIn(i - 1, {"l", "le", "la", "les", "t", "te", "vous"}) &&
      ((all_ & kWriting) || SentenceHas(i, kWeapon))) {
    for (int j = i + 1; j <= i + 4 && Same(i, j); ++j) {
      if (Word(j, "sortie")) {
        Add(Code::kThreat, 0.8, "Menace", {{i - 2, i}, {j, j}});
        return;
      }
    }
  }
}

}  // namespace palabre::moderation::violence

namespace palabre::moderation::violence {

// Whether token k ends a warning said after a private detail: "fais attention", "dis-lui de",
// "réfléchis bien", "n'est-ce pas ?", "non ?", "hein", "on la connaît", "je le sais", "on a
// remarqué", "ce serait dommage", "je dis ça", "on attend", "on le salue", "on passe la voir".
bool Matcher::Warning(int k) const {
  if (WordIn(k, {"attention", "gaffe"}) && WordIn(k - 1, {"fais", "faites", "faire", "fait"})) {
    return true;
  }
  if (WordIn(k, {"reflechis", "reflechissez", "imprudent", "dommage", "triste", "hein"})) {
    return true;
  }
  if (WordIn(k, {"lui", "leur"}) && WordIn(k - 1, {"dis", "dites"})) return true;
  if (Word(k, "pas") && Word(k - 1, "ce") && Word(k - 2, "est") && WordIn(k - 3, {"n", "ne"})) {
    return true;  // "n'est-ce pas ?"
  }
  if (Word(k, "non") && (k + 1 >= n_ || !Same(k, k + 1))) return true;  // "… Banconi non ?"
  // "je dis ça", "je dis juste"
  if (WordIn(k, {"ca", "juste"}) && Word(k - 1, "dis") && Is(k - 2, kSubject1)) return true;
  // "on la connaît", "je le sais", "on a remarqué", "on attend", "on le salue", "on passe la voir"
  int s = k - 1;
  while (s >= 0 && s >= k - 3 && (IsClitic(s) || WordIn(s, {"a", "avons", "va", "vais"}))) --s;
  // "vous êtes prévenu", "t'es prévenue"; "à vous d'en tirer les conclusions".
  if (WordIn(k, {"prevenu", "prevenue", "prevenus", "prevenues"}) &&
      WordIn(k - 1, {"etes", "es", "est"})) {
    return true;
  }
  if (Word(k, "conclusions") && Word(k - 1, "les") && Word(k - 2, "tirer")) return true;
  if (!WordIn(s, {"on", "nous", "je", "j"}) || !Same(s, k)) return false;
  if (Is(k, kKnow) && !Is(k + 1, kNot) && !Is(k - 1, kNe)) return true;
  if (WordIn(k, {"remarque", "note", "attend", "attendons", "salue", "saluer", "saluerons", "voit",
                 "vois", "voyons", "observe", "observons", "constate"})) {
    return true;
  }
  return Word(k, "passer") || (Word(k, "passe") && Is(k + 1, kClitic3));
}

// A relative's, a home's or a vehicle's routine told to the reader (an hour, a day, a habit or
// a place), with a warning: "ta fille sort de l'école à 17h chaque jour. Je dis ça je dis rien",
// "ta maman vend attiéké au marché de Yopougon, on la connaît bien", "votre mère vit toujours à
// Kayes, n'est-ce pas ?". Not a street, a town or a job ("ton quartier", "ton travail"), nor a
// routine without a warning.
void Matcher::Routine(int i) {
  // "les enfants du juge Condé sortent de l'école à 17h, on les attend": someone's relatives.
  const bool theirs = WordIn(i, {"les", "la", "le", "l", "sa", "son", "ses"}) &&
                      Is(i + 1, kPrivate) && WordIn(i + 2, {"du", "de", "d"}) &&
                      (Is(i + 3, kPerson) || (i + 3 < n_ && t_[i + 3].title_case) ||
                       (Is(i + 3, kDeterminer) && Is(i + 4, kPerson)));
  if (!Is(i, kPoss2) && !theirs) return;
  // "ton petit frère", "ta grande soeur"
  const int p = WordIn(i + 1, {"petit", "petite", "petits", "petites", "grand", "grande", "grands",
                               "grandes", "jeune", "vieille"})
                    ? i + 2
                    : i + 1;
  if (!Is(p, kPrivate) ||
      WordIn(p, {"quartier", "village", "rue", "ville", "pays", "region", "travail", "boulot",
                 "habitude", "numero", "telephone", "lieu", "porte", "cour"})) {
    return;
  }
  if (all_ & kCondolence) return;
  const int b = SentenceBegin(i);
  const int e = SentenceEnd(i);
  // "votre adresse n'est plus un secret pour personne".
  for (int k = p + 1; k <= std::min(e, p + 8); ++k) {
    if (Word(k, "secret") && Word(k - 1, "un") && WordIn(k - 2, {"plus", "pas"})) {
      Add(Code::kThreat, 0.75, "Menace : domicile ou proches connus", {{i, p}, {k - 2, k}});
      return;
    }
  }
  bool routine = false;  // an hour, a day, a habit or a named place after the detail
  for (int k = p + 1; k <= e; ++k) {
    const std::string_view w = t_[k].word;
    routine = routine || Is(k, kTime) ||
              WordIn(k, {"matin", "heures", "toujours", "chaque", "seul", "seule", "seuls", "tard",
                         "sortie", "marche", "ecole", "lycee", "college", "creche"}) ||
              (!w.empty() && w[0] >= '0' && w[0] <= '9') ||
              ((t_[k].title_case || Is(k, kPlace)) &&
               WordIn(k - 1, {"a", "au", "de", "derriere", "devant", "pres"}));
  }
  if (!routine) return;
  for (int k = 0; k < n_; ++k) {
    if (k >= b && k <= p) continue;
    if (Warning(k)) {
      Add(Code::kThreat, 0.75, "Menace : habitudes de ses proches épiées",
          k < i ? std::vector<std::pair<int, int>>{{k, k}, {i, p}}
                : std::vector<std::pair<int, int>>{{i, p}, {k, k}});
      return;
    }
  }
}

}  // namespace palabre::moderation::violence
