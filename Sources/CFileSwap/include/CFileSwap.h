#ifndef PLANCAST_CFILESWAP_H
#define PLANCAST_CFILESWAP_H

/// Atomically exchanges two paths (both must exist): Linux renameat2(2) with RENAME_EXCHANGE,
/// which glibc declares only under _GNU_SOURCE and Swift's Glibc module does not export.
/// Returns 0 on success, else -1 with errno set.
int plancast_exchange_paths(const char *a, const char *b);

#endif
