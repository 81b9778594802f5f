// check: layout-aos-to-soa
// expect: report
// record: gentity_s
// source: ioquake3 code/game/g_utils.c G_Find (for (; from < &g_entities[level.num_entities]; from++) { if (!from->inuse) continue; ... }) as called by G_PickTarget / G_UseTargets / SelectRandomDeathmatchSpawnPoint
// why: every lookup steps through up to 1024 entities reading only inuse and classname, 12 of 456 bytes each; those two columns would take a few dozen lines instead of thousands
#include <stddef.h>
#include <string.h>
#include <strings.h>

#define MAX_GENTITIES 1024
typedef int qboolean;
typedef float vec3_t[3];
typedef struct gentity_s gentity_t;

typedef struct { int number, eType, eFlags; int pos[9], apos[9]; int time, time2; vec3_t origin, origin2, angles, angles2;
                 int otherEntityNum, otherEntityNum2, groundEntityNum, constantLight, loopSound, modelindex, modelindex2;
                 int clientNum, frame, solid, event, eventParm, powerups, weapon, legsAnim, torsoAnim, generic1; } entityState_t;
typedef struct { qboolean linked; int linkcount; int svFlags; int singleClient; qboolean bmodel; vec3_t mins, maxs;
                 int contents; vec3_t absmin, absmax; vec3_t currentOrigin, currentAngles; int ownerNum; } entityShared_t;

struct gentity_s {
    entityState_t s;
    entityShared_t r;
    void *client;
    qboolean inuse;
    char *classname;
    int spawnflags;
    qboolean neverFree;
    int flags;
    char *model;
    char *model2;
    int freetime;
    int eventTime;
    qboolean freeAfterEvent;
    qboolean unlinkAfterEvent;
    qboolean physicsObject;
    float physicsBounce;
    int clipmask;
    char *target;
    char *targetname;
    char *team;
    int nextthink;
    void (*think)(gentity_t *self);
    int health;
    qboolean takedamage;
    int damage;
};

gentity_t g_entities[MAX_GENTITIES];
struct { int num_entities; int time; } level;

gentity_t *G_Find(gentity_t *from, const char *match) {
    if (!from)
        from = g_entities;
    else
        from++;
    for (; from < &g_entities[level.num_entities]; from++) {
        if (!from->inuse)
            continue;
        if (!from->classname)
            continue;
        if (!strcasecmp(from->classname, match))
            return from;
    }
    return NULL;
}

static gentity_t *SelectRandomDeathmatchSpawnPoint(int seed) {
    gentity_t *spot = NULL, *spots[128];
    int count = 0;
    while ((spot = G_Find(spot, "info_player_deathmatch")) != NULL && count < 128)
        spots[count++] = spot;
    return count ? spots[seed % count] : NULL;
}

int main(void) {
    static char *names[] = {"info_player_deathmatch", "item_armor_shard", "func_door", "trigger_multiple"};
    level.num_entities = 900;
    for (int i = 64; i < level.num_entities; i++) {
        g_entities[i].inuse = 1;
        g_entities[i].classname = names[i % 4];
    }
    int found = 0;
    for (level.time = 0; level.time < 1000000; level.time += 50)
        found += SelectRandomDeathmatchSpawnPoint(level.time) != NULL;
    return found == 0;
}
