// The violence check's word tables: the features a word can have, the acts and their kinds, the
// shapes of the built-in lists (word_lists.cc), and the tables built from them and from a site's
// names (tables.cc), which the tokenizer and the rules read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "moderation/config.h"

namespace palabre::moderation::violence {

// ---------------------------------------------------------------------------------------------
// Word classes: the features a word has (several at once, a bitmask), given by the lists of
// word_lists.cc.

enum Feature : std::uint64_t {
  kSubject1 = 1ull << 0,     // je j on nous: who announces an act
  kSubject2 = 1ull << 1,     // tu t vous: who is threatened
  kClitic3 = 1ull << 2,      // le la l les lui leur: object pronoun
  kClitic2 = 1ull << 3,      // te t toi vous: object pronoun, second person
  kNe = 1ull << 4,           // ne n
  kNot = 1ull << 5,          // pas jamais point
  kDeterminer = 1ull << 6,   // les ces ce cette un...
  kAllOf = 1ull << 7,        // tous toutes ceux celui quiconque: a target by itself
  kModal = 1ull << 8,        // faut faudrait doit doivent...
  kAux = 1ull << 9,          // a ont avait ete: a past act is a report
  kBreak = 1ull << 10,       // qui dont quand si car: another clause begins
  kSpeech = 1ull << 11,      // disent dire pretendent: a call reported, not made
  kState = 1ull << 12,       // the army, police, justice: their action is lawful
  kMilitary = 1ull << 13,    // terroristes, jihadistes: a lawful military target
  kCivilian = 1ull << 14,    // civils femmes enfants familles: never a military target
  kPerson = 1ull << 15,      // a person or a group of people
  kPlace = 1ull << 16,       // village maison mosquee stade
  kBenign = 1ull << 17,      // temps corruption etapes mouton: idioms and harmless objects
  kSports = 1ull << 18,      // match equipe finale: "on va les massacrer"
  kPoss2 = 1ull << 19,       // ton ta tes votre vos
  kPrivate = 1ull << 20,     // adresse maison voiture enfants: someone's private life
  kFuneral = 1ull << 21,     // linceul cercueil funerailles
  kKnow = 1ull << 22,        // sait connait: "on sait ou tu habites"
  kGlory = 1ull << 23,       // gloire bravo honneur vive
  kGroup = 1ull << 24,       // an armed group, its fighters or leaders
  kAttack = 1ull << 25,      // attaque embuscade attentat: a named attack
  kMotion = 1ull << 26,      // allez allons venez descendons: + infinitive
  kSoldier = 1ull << 27,     // soldats militaires FDS: victims whose death is praised
  kCondolence = 1ull << 28,  // paix repose condoleances
  kWriting = 1ull << 29,     // ecrire article publier: what a threatened writer did
  kEconomy = 1ull << 30,     // prix salaire: "avec ces prix tu ne verras pas la fin du mois"
  kTime = 1ull << 31,        // fin demain mois nuit
  kIntend = 1ull << 32,      // vais va allons compte veux: announced act
  kCondemn = 1ull << 33,     // honte maudit laches barbares: the group is condemned
  kCondition = 1ull << 34,   // si prochain quiconque: "si tu continues, on te..."
  kDwell = 1ull << 35,       // habites vis dors travailles: "ou tu habites"
  kFunction = 1ull << 36,    // a closed-class word: never stemmed, never an act
  kEthnic = 1ull << 37,      // a people, religion or nationality: never a military target
  kGod = 1ull << 38,         // dieu allah seigneur: "que Dieu leur donne la victoire"
  kWish = 1ull << 39,        // donne protege benisse: what God is asked for
  kNounForm = 1ull << 40,    // massacre attaque frappe: a noun after a determiner
  kWeapon = 1ull << 41,      // machette fusil gourdin: "on t'attend à la sortie avec..."
  kTrigger = 1ull << 42,     // other words a rule starts from: mort merite pourquoi gare
  kStop = 1ull << 43,        // arreter cesser eviter: "il faut arrêter de tuer"
  kPraise = 1ull << 44,      // heros liberateurs mashallah: said of an armed group
  kDefeat = 1ull << 45,      // neutralises recule deroute: the group lost (joy is lawful)
  kJoy = 1ull << 46,         // joie heureux content: "40 soldats tués, quelle joie"
};

// Features that make a token a possible target of an act.
constexpr std::uint64_t kTargetNoun =
    kPerson | kPlace | kCivilian | kMilitary | kGroup | kState | kSoldier | kEthnic;

struct WordClass {
  std::uint64_t features;
  std::initializer_list<std::string_view> words;
};

// Multiword names: armed groups and state forces. They replace the classes of their words
// ("etat" is the state, "etat islamique" a group).
struct PhraseDef {
  std::uint64_t features;
  std::initializer_list<std::string_view> phrases;
};

// ---------------------------------------------------------------------------------------------
// Acts. A head verb (conjugated by the tables, then stemmed) is an act by itself or only with
// the words that must follow it ("faire" + "sauter").

enum class ActKind : std::uint8_t {
  kLethal,   // tuer, egorger: any object that is not harmless is a target
  kBurn,     // bruler, faire sauter, grenades: any object that is not harmless (property too)
  kDestroy,  // bombarder, attaquer, raser: a person, a group or a place
  kHurt,     // frapper, eliminer: a person or a group
  kPursue,   // retrouver, attendre: only in threats against someone
};

struct ActDef {
  std::string_view head;   // infinitive of the verb, normalised
  std::string_view label;  // French, for the detail: "faire sauter"
  ActKind kind;
  std::string_view tail;      // "" or the words (one of, '|') that must follow the head
  int max_gap = 2;            // tokens allowed between the head and its tail
  bool sports_prone = false;  // also said of a match: never an act near sports words
  bool noun = false;          // a weapon named as the act: no conjugation, no imperative
};

// Conjugated forms the -er/-ir/-re rules do not make.
struct ListedForms {
  std::string_view head;
  std::initializer_list<std::string_view> forms;
};

// Emoji used for the act they picture ("il faut 🔥 leurs maisons").
struct EmojiAct {
  char32_t code_point;
  std::string_view head;  // an act head, or "" for a funeral sign
};

inline constexpr EmojiAct kEmoji[] = {
    {0x1F525, "bruler"},  {0x1F4A3, "bombarder"}, {0x1F52A, "egorger"},
    {0x1F5E1, "egorger"}, {0x1F52B, "abattre"},   {0x1FA93, "decapiter"},
    {0x1FAA2, "pendre"},  {0x26B0, ""},           {0x1FAA6, ""},
};

// The built-in lists (word_lists.cc).
extern const std::span<const WordClass> kFunctionWords;  // closed-class words, never stemmed
extern const std::span<const WordClass> kContentWords;   // open-class words
extern const std::span<const PhraseDef> kPhrases;
extern const std::span<const ActDef> kActs;
extern const std::span<const ListedForms> kListedForms;

// Stems shorter than this are too ambiguous to stand for a noun ("arme" is both the army and a
// weapon, "tomb" both a grave and "tombé").
inline constexpr std::size_t kMinNounStem = 6;
// Verb stems shorter than this are looked up by their written forms only ("tu" of "tuer").
inline constexpr std::size_t kMinVerbStem = 3;

// The tables the tokenizer reads a comment with.
struct Tables {
  struct Head {
    std::string lemma;
    std::vector<std::uint16_t> acts;  // indexes into kActs with this head
  };
  struct Phrase {
    std::vector<std::string> words;
    std::uint64_t features = 0;
  };
  std::unordered_map<std::string, std::uint64_t> word_features;  // written form -> features
  std::unordered_map<std::string, std::uint64_t> stem_features;  // long stems of content words
  std::unordered_map<std::string, std::uint16_t> act_forms;      // conjugated form -> head
  std::unordered_map<std::string, std::uint16_t> act_stems;      // stem of a form -> head
  std::vector<Head> heads;
  std::unordered_map<std::string, std::vector<Phrase>> phrases;  // by first word, longest first
};

// The tables of a site: the built-in ones (built once per process) and the site's armed groups
// and state forces.
std::unique_ptr<const Tables> BuildTables(const ViolenceConfig& config);

}  // namespace palabre::moderation::violence
