// admin create: the first clinic and its admin account.
#include <istream>
#include <string>

#include "api/crypto.hpp"
#include "api/passwords.hpp"
#include "cli/commands.hpp"

namespace mn::cli {

int admin_create(Context& ctx, const AdminCreateOptions& options) {
  store::Store* store = ctx.store();
  if (store == nullptr) return ctx.failed();
  std::string password;
  std::getline(ctx.in, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (auto weak = api::check_new_password(password, options.login, "password (standard input)")) {
    return ctx.fail(*weak);
  }
  store::Roles roles;
  roles.add(store::Role::admin);
  if (options.clinician) roles.add(store::Role::clinician);
  store::NewAccount admin{options.login, options.display_name, api::hash_password(password),
                          roles,         std::nullopt,         std::nullopt};
  auto created = store->accounts().create_clinic_with_admin(ctx.actor(), options.clinic, admin);
  if (!created) return ctx.fail(created.error());
  ctx.out << "Created clinic " << *created->clinic << " (" << options.clinic
          << ") and admin account " << created->id << " (" << created->login << ").\n";
  return kOk;
}

}  // namespace mn::cli
