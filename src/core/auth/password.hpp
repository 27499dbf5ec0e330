// Password hashing with libsodium's argon2id (INTERACTIVE limits: ~64 MiB, ~150 ms here).
// At most two hashes run at once, whatever the number of callers, so a burst of logins
// cannot exhaust memory; callers block meanwhile, which is why this runs on workers only.
#pragma once

#include <string>
#include <string_view>

namespace jiguan::auth {

std::string hash_password(std::string_view password);

// Cost of new hashes. `minimal` exists for the test suite only (hundreds of accounts are
// created there); it makes hashes cheap to crack. Verification reads the cost from the
// stored hash, so either kind verifies under either setting.
enum class HashCost { interactive, minimal };
void set_hash_cost(HashCost cost);
bool verify_password(std::string_view stored_hash, std::string_view password);

// Policy for new passwords: 8–128 characters, at least one letter and one digit.
// Returns "" when acceptable, else the message to show.
std::string password_policy_violation(std::string_view password);

}  // namespace jiguan::auth
