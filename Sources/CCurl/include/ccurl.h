// CCurl: the C boundary of fcharness. libcurl's setopt/getinfo are variadic C functions,
// which Swift cannot call; these typed, non-variadic wrappers make them callable.
// Only the `Curl` module imports this; nothing above it sees a curl handle or a C type.
#ifndef CCURL_H
#define CCURL_H

#include <curl/curl.h>
#include "ccurl_poller.h"

/// A libcurl write or header callback: receives `size * nmemb` bytes, returns how many it took.
typedef size_t (*ccurl_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);

// curl_easy_setopt, one wrapper per argument type.
CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode ccurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ccurl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode ccurl_easy_setopt_data_callback(CURL *handle, CURLoption option, ccurl_data_callback value);

// curl_easy_getinfo, one wrapper per result type.
CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode ccurl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);
CURLcode ccurl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value);
CURLcode ccurl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value);

// curl_multi_setopt.
CURLMcode ccurl_multi_setopt_long(CURLM *multi, CURLMoption option, long value);

/// curl_version_info(CURLVERSION_NOW): the macro names the struct version Swift cannot see.
curl_version_info_data *ccurl_version_info_now(void);

#endif
