// check: layout-hot-cold
// expect: quiet
// source: nginx src/core/ngx_module.h ngx_module_s + src/core/ngx_module.c ngx_init_modules, src/core/ngx_cycle.c ngx_init_cycle, src/os/unix/ngx_process_cycle.c ngx_worker_process_init (init_module/init_process called through the module table)
// why: the module table is walked and its init callbacks called through function pointers only while the cycle starts (once per start/reload, once per worker); nothing per request touches ngx_module_t
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct ngx_cycle_s { int worker; long connection_n; } ngx_cycle_t;
typedef struct ngx_module_s ngx_module_t;

#define NGX_CORE_MODULE 0x45524F43
#define NGX_EVENT_MODULE 0x544E5645
#define NGX_OK 0

struct ngx_module_s {
    uintptr_t ctx_index;
    uintptr_t index;
    char *name;
    uintptr_t spare0, spare1;
    uintptr_t version;
    const char *signature;
    void *ctx;
    void *commands;
    uintptr_t type;
    intptr_t (*init_master)(void *log);
    intptr_t (*init_module)(ngx_cycle_t *cycle);
    intptr_t (*init_process)(ngx_cycle_t *cycle);
    intptr_t (*init_thread)(ngx_cycle_t *cycle);
    void (*exit_thread)(ngx_cycle_t *cycle);
    void (*exit_process)(ngx_cycle_t *cycle);
    void (*exit_master)(ngx_cycle_t *cycle);
    uintptr_t spare_hook0, spare_hook1, spare_hook2, spare_hook3;
    uintptr_t spare_hook4, spare_hook5, spare_hook6, spare_hook7;
};

static intptr_t ngx_event_module_init(ngx_cycle_t *cycle) { cycle->connection_n = 1024; return NGX_OK; }
static intptr_t ngx_event_process_init(ngx_cycle_t *cycle) { return cycle->connection_n > 0 ? NGX_OK : -1; }

static ngx_module_t ngx_core_module = {0, 0, "ngx_core_module", 0, 0, 1, "", NULL, NULL, NGX_CORE_MODULE};
static ngx_module_t ngx_events_module = {0, 0, "ngx_events_module", 0, 0, 1, "", NULL, NULL, NGX_CORE_MODULE};
static ngx_module_t ngx_event_core_module = {0, 0, "ngx_event_core_module", 0, 0, 1, "", NULL, NULL, NGX_EVENT_MODULE,
                                             NULL, ngx_event_module_init, ngx_event_process_init};
static ngx_module_t *ngx_modules[] = {&ngx_core_module, &ngx_events_module, &ngx_event_core_module, NULL};

static intptr_t ngx_init_modules(ngx_cycle_t *cycle) {
    for (uintptr_t i = 0; ngx_modules[i]; i++) {
        ngx_modules[i]->index = i;
        if (ngx_modules[i]->init_module && ngx_modules[i]->init_module(cycle) != NGX_OK)
            return -1;
    }
    return NGX_OK;
}

static uintptr_t ngx_count_modules(uintptr_t type) {
    uintptr_t max = 0;
    for (uintptr_t i = 0; ngx_modules[i]; i++)
        if (ngx_modules[i]->type == type)
            ngx_modules[i]->ctx_index = max++;
    return max;
}

static void ngx_worker_process_init(ngx_cycle_t *cycle, int worker) {
    cycle->worker = worker;
    for (uintptr_t i = 0; ngx_modules[i]; i++)
        if (ngx_modules[i]->init_process && ngx_modules[i]->init_process(cycle) == -1)
            fprintf(stderr, "%s: init_process failed\n", ngx_modules[i]->name);
}

int main(void) {
    ngx_cycle_t cycle = {0, 0};
    printf("%lu core modules\n", (unsigned long)ngx_count_modules(NGX_CORE_MODULE));
    if (ngx_init_modules(&cycle) != NGX_OK)
        return 1;
    ngx_worker_process_init(&cycle, 0);
    for (long n = 0; n < 100000000; n++)
        cycle.connection_n += n & 1;
    return 0;
}
