// ../shared/bench/curlmulti.c's closed loop, rewritten on curl_multi_socket_action + epoll
// (the pattern of curl's ephiperfifo.c, which the load engine's design requires): what
// libcurl's socket API itself costs per request in plain C, as a second reference row beside
// the curl_multi_perform loop. Usage: curlsocket CONNECTIONS SECONDS URL
// Like the engine, it keeps an idle keep-alive socket in the epoll set when libcurl says
// CURL_POLL_REMOVE (the transfer ended, the connection went back to libcurl's cache): removing
// and adding it again cost two epoll_ctl calls per request, about 15% of this loop's CPU
// (2026-12-07: 17.6 vs 15.2 us per request, best of 8). A socket libcurl closes leaves the set
// by itself. Good enough for a benchmark whose server keeps every connection open; an idle
// socket the server closed would wake this loop until libcurl reuses or drops it (the engine
// stops watching such a socket, see ccurl_poller).
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <sys/epoll.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
static size_t sink(char*p,size_t s,size_t n,void*u){(void)p;(void)u;return s*n;}
static int ep; static long timeout_ms=-1;
static int sock_cb(CURL*e,curl_socket_t s,int what,void*u,void*sp){
  struct epoll_event ev={0}; ev.data.fd=s;
  if(what==CURL_POLL_REMOVE) return 0;
  ev.events=(what&CURL_POLL_IN?EPOLLIN:0)|(what&CURL_POLL_OUT?EPOLLOUT:0);
  if(epoll_ctl(ep,EPOLL_CTL_MOD,s,&ev)!=0) epoll_ctl(ep,EPOLL_CTL_ADD,s,&ev);
  return 0; }
static int timer_cb(CURLM*m,long t,void*u){ timeout_ms=t; return 0; }
int main(int argc,char**argv){
  int conc=atoi(argv[1]); double dur=atof(argv[2]); const char*url=argv[3];
  curl_global_init(CURL_GLOBAL_ALL); ep=epoll_create1(0);
  CURLM*m=curl_multi_init();
  curl_multi_setopt(m,CURLMOPT_MAX_HOST_CONNECTIONS,(long)conc);
  curl_multi_setopt(m,CURLMOPT_SOCKETFUNCTION,sock_cb); curl_multi_setopt(m,CURLMOPT_TIMERFUNCTION,timer_cb);
  CURL**h=calloc(conc,sizeof(CURL*)); long n=0, errs=0; int running;
  for(int i=0;i<conc;i++){ h[i]=curl_easy_init(); curl_easy_setopt(h[i],CURLOPT_URL,url);
    curl_easy_setopt(h[i],CURLOPT_WRITEFUNCTION,sink); curl_easy_setopt(h[i],CURLOPT_NOSIGNAL,1L);
    curl_easy_setopt(h[i],CURLOPT_TCP_NODELAY,1L); curl_multi_add_handle(m,h[i]); }
  double t0=now(), end=t0+dur; struct epoll_event evs[64];
  curl_multi_socket_action(m,CURL_SOCKET_TIMEOUT,0,&running);
  while(1){
    int k=epoll_wait(ep,evs,64,timeout_ms<0?100:(int)timeout_ms);
    for(int i=0;i<k;i++){ int f=(evs[i].events&EPOLLIN?CURL_CSELECT_IN:0)|(evs[i].events&EPOLLOUT?CURL_CSELECT_OUT:0);
      curl_multi_socket_action(m,evs[i].data.fd,f,&running); }
    if(k==0) curl_multi_socket_action(m,CURL_SOCKET_TIMEOUT,0,&running);
    CURLMsg*msg; int q;
    while((msg=curl_multi_info_read(m,&q))){ if(msg->msg!=CURLMSG_DONE) continue;
      CURL*e=msg->easy_handle; if(msg->data.result!=CURLE_OK) errs++; else n++;
      curl_multi_remove_handle(m,e); if(now()<end){ curl_multi_add_handle(m,e); } }
    if(timeout_ms==0) curl_multi_socket_action(m,CURL_SOCKET_TIMEOUT,0,&running);
    if(now()>=end && running==0) break; }
  double el=now()-t0; printf("c=%d reqs=%ld errs=%ld rps=%.0f\n",conc,n,errs,n/el); return 0; }
