/* tel_tls.c — TLS sessions for the console listener over OpenSSL (see
 * tel_tls.h).
 *
 * One SSL_CTX per TLS port: TLS 1.2 at least (older versions are broken,
 * RFC 8996), the certificate chain and key from PEM files, no client
 * certificates.  Each connection is an SSL on the non-blocking socket;
 * SSL_ERROR_WANT_READ/WANT_WRITE become TEL_TLS_AGAIN and tell the caller
 * which way to poll.  The write buffer moves between calls (con_telnet.c
 * shifts its queue), and a partial write is fine, hence the two modes set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "tel_tls.h"

struct tel_tls {
	SSL_CTX *ctx;
};

static void ssl_reason(const char *what, char *err, size_t errlen)
{
	unsigned long e = ERR_get_error();
	char buf[200] = "unknown reason";
	if (e)
		ERR_error_string_n(e, buf, sizeof buf);
	snprintf(err, errlen, "%s: %s", what, buf);
	ERR_clear_error();
}

struct tel_tls *tel_tls_new(const char *cert, const char *key, char *err, size_t errlen)
{
	struct tel_tls *t = calloc(1, sizeof *t);
	if (!t) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	t->ctx = SSL_CTX_new(TLS_server_method());
	if (!t->ctx) {
		ssl_reason("TLS", err, errlen);
		free(t);
		return NULL;
	}
	SSL_CTX_set_min_proto_version(t->ctx, TLS1_2_VERSION);
	SSL_CTX_set_mode(t->ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
	char what[400];
	if (SSL_CTX_use_certificate_chain_file(t->ctx, cert) != 1) {
		snprintf(what, sizeof what, "TLS certificate %s", cert);
		ssl_reason(what, err, errlen);
	} else if (SSL_CTX_use_PrivateKey_file(t->ctx, key, SSL_FILETYPE_PEM) != 1) {
		snprintf(what, sizeof what, "TLS key %s", key);
		ssl_reason(what, err, errlen);
	} else if (SSL_CTX_check_private_key(t->ctx) != 1) {
		snprintf(what, sizeof what, "TLS key %s does not match certificate %s", key, cert);
		ssl_reason(what, err, errlen);
	} else {
		return t;
	}
	SSL_CTX_free(t->ctx);
	free(t);
	return NULL;
}

void tel_tls_free(struct tel_tls *t)
{
	if (!t)
		return;
	SSL_CTX_free(t->ctx);
	free(t);
}

void *tel_tls_conn(struct tel_tls *t, int fd)
{
	SSL *ssl = SSL_new(t->ctx);
	if (ssl && SSL_set_fd(ssl, fd) != 1) {
		SSL_free(ssl);
		ssl = NULL;
	}
	if (ssl)
		SSL_set_accept_state(ssl);
	ERR_clear_error();
	return ssl;
}

void tel_tls_conn_free(void *ssl)
{
	if (!ssl)
		return;
	if (SSL_is_init_finished(ssl))
		SSL_shutdown(ssl); /* one try: the socket does not wait */
	SSL_free(ssl);
	ERR_clear_error();
}

/* What an SSL call's result rc means. */
static int outcome(SSL *ssl, int rc, bool *want_write)
{
	int e = SSL_get_error(ssl, rc);
	*want_write = e == SSL_ERROR_WANT_WRITE;
	if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE)
		return TEL_TLS_AGAIN;
	if (e == SSL_ERROR_ZERO_RETURN)
		return 0;
	return TEL_TLS_FAIL;
}

int tel_tls_handshake(void *ssl, bool *want_write, char *err, size_t errlen)
{
	int rc = SSL_accept(ssl);
	if (rc == 1) {
		*want_write = false;
		return 1;
	}
	int r = outcome(ssl, rc, want_write);
	if (r == TEL_TLS_AGAIN)
		return r;
	ssl_reason("TLS handshake", err, errlen);
	return TEL_TLS_FAIL;
}

ssize_t tel_tls_read(void *ssl, void *buf, size_t n, bool *want_write)
{
	int rc = SSL_read(ssl, buf, n > 65536 ? 65536 : (int)n);
	if (rc > 0) {
		*want_write = false;
		return rc;
	}
	int r = outcome(ssl, rc, want_write);
	ERR_clear_error();
	return r;
}

ssize_t tel_tls_write(void *ssl, const void *buf, size_t n, bool *want_write)
{
	int rc = SSL_write(ssl, buf, n > 65536 ? 65536 : (int)n);
	if (rc > 0) {
		*want_write = false;
		return rc;
	}
	int r = outcome(ssl, rc, want_write);
	ERR_clear_error();
	return r == 0 ? TEL_TLS_FAIL : r;
}

bool tel_tls_pending(void *ssl)
{
	return SSL_pending(ssl) > 0;
}

void tel_tls_describe(void *ssl, char *buf, size_t n)
{
	snprintf(buf, n, "%s %s", SSL_get_version(ssl), SSL_get_cipher_name(ssl));
}
