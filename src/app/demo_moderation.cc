#include "app/demo_moderation.h"

#include <cstdlib>
#include <iostream>

#include "app/demo_content.h"
#include "core/admin.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "moderation/pipeline.h"
#include "service/auth_service.h"
#include "service/comment_service.h"
#include "store/store.h"

namespace palabre::app {
namespace {

constexpr const char* kEmail = "moderation@demo.palabre";

struct HeldSeed {
  const char* author;
  const char* address;
  const char* text;
};

constexpr const char* kCopied =
    "Le gouvernement nous ment sur le prix du riz, partagez ce message dans tous vos groupes "
    "pour que chaque Malien connaisse enfin la vérité sur les importateurs.";

constexpr HeldSeed kHeldSeeds[] = {
    {"Grand Marabout Sidiki", "198.51.100.10",
     "Problèmes d'argent, de mariage ou de travail ? Grand marabout Sidiki, résultats en 3 "
     "jours. Appelez ou WhatsApp le +223 76 12 34 56."},
    {"Vérité Mali", "198.51.100.11", kCopied},
    {"Patriote 223", "198.51.100.12", kCopied},
    {"Client mécontent", "198.51.100.13",
     "MON ABONNEMENT INTERNET EST COUPÉ DEPUIS TROIS SEMAINES ET PERSONNE NE RÉPOND AU "
     "SERVICE CLIENT, C'EST UNE HONTE, JE VEUX ÊTRE REMBOURSÉ ET QUE LE DIRECTEUR M'APPELLE "
     "AUJOURD'HUI MÊME SINON JE PORTE PLAINTE !!!!"},
    {"Bonnes affaires", "198.51.100.14", "Riz pas cher ici : https://promo-riz.example/offre"},
    {"Bonnes affaires", "198.51.100.14", "Encore moins cher : https://promo-riz.example/stock"},
    {"Bonnes affaires", "198.51.100.14", "Livraison gratuite : https://promo-riz.example/livre"},
    {"Bonnes affaires", "198.51.100.14", "Dernier jour : https://promo-riz.example/fin"},
};

}  // namespace

int SeedDemoModeration(const std::string& db, const std::string& listen,
                       const std::string& public_origin) {
  auto opened = store::OpenStore(db);
  if (!opened.ok()) {
    std::cerr << "palabre: cannot open " << db << ": " << opened.status().ToString() << "\n";
    return 1;
  }
  store::Store& store = **opened;
  SystemClock clock;
  service::AuthService auth(store, clock);
  std::string password;
  if (const char* env = std::getenv("PALABRE_DEMO_PASSWORD"); env != nullptr && *env != '\0') {
    password = env;
  } else {
    password = RandomToken(12);  // 16 characters
  }
  const bool first_time = store.GetUserByEmail(kEmail).error() == Error::kUnknownUser;
  if (first_time) {
    auto user = auth.AddUser(kEmail, password, Role::kAdmin, "demo");
    if (!user.ok()) {
      std::cerr << "palabre: demo moderator: " << user.status().ToString() << "\n";
      return 1;
    }
  } else if (Status s = auth.SetPassword(kEmail, password); !s.ok()) {
    std::cerr << "palabre: demo moderator: " << s.ToString() << "\n";
    return 1;
  }

  if (first_time) {
    // Through the pipeline, as readers would post them: what it holds is what the console shows.
    auto pipeline = moderation::Pipeline::Create(moderation::ModerationConfigs{}, clock);
    if (!pipeline.ok()) {
      std::cerr << "palabre: demo moderation: " << pipeline.status().ToString() << "\n";
      return 1;
    }
    service::CommentService comments(store, **pipeline, clock);
    const std::string key = MakeDemoContent(clock.NowMs()).article.key;
    for (const HeldSeed& seed : kHeldSeeds) {
      service::PostInput in;
      in.site_id = "demo";
      in.key = key;
      in.author = seed.author;
      in.text = seed.text;
      in.client_address = seed.address;
      auto out = comments.Post(in);
      if (!out.ok()) {
        std::cerr << "palabre: demo moderation: " << out.status().ToString() << "\n";
        return 1;
      }
    }
  }
  // With port 0 the address is known only once the server listens (the line it prints next).
  std::string base = public_origin;
  const bool any_port = base.empty() && listen.ends_with(":0");
  if (base.empty() && !any_port) base = "http://" + listen;
  std::cout << "moderator console: " << base << "/admin  (" << kEmail << " / " << password << ")"
            << (any_port ? " on the address printed below" : "") << std::endl;
  return 0;
}

}  // namespace palabre::app
