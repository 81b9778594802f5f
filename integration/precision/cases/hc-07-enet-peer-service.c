// check: layout-hot-cold
// expect: report
// record: _ENetPeer
// source: ENet include/enet/enet.h ENetPeer + protocol.c enet_protocol_send_outgoing_commands (walks host->peers[0..peerCount) on every enet_host_service)
// why: each service call visits every connected peer and reads state, the ack/reliable/outgoing lists, lastReceiveTime, nextTimeout, pingInterval, mtu and the loss epoch; they are spread over five lines of a 440-byte peer between bandwidth/throttle statistics and the unsequenced window
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

typedef uint8_t enet_uint8;
typedef uint16_t enet_uint16;
typedef uint32_t enet_uint32;
typedef struct _ENetListNode { struct _ENetListNode *next, *previous; } ENetListNode;
typedef struct { ENetListNode sentinel; } ENetList;
typedef struct { enet_uint32 host; enet_uint16 port; } ENetAddress;
typedef enum { ENET_PEER_STATE_DISCONNECTED = 0, ENET_PEER_STATE_CONNECTED = 5, ENET_PEER_STATE_ZOMBIE = 9 } ENetPeerState;

#define enet_list_empty(list) ((list)->sentinel.next == &(list)->sentinel)

typedef struct _ENetPeer {
    ENetListNode dispatchList;
    void *host;
    enet_uint16 outgoingPeerID, incomingPeerID;
    enet_uint32 connectID;
    enet_uint8 outgoingSessionID, incomingSessionID;
    ENetAddress address;
    void *data;
    ENetPeerState state;
    void *channels;
    size_t channelCount;
    enet_uint32 incomingBandwidth, outgoingBandwidth;
    enet_uint32 incomingBandwidthThrottleEpoch, outgoingBandwidthThrottleEpoch;
    enet_uint32 incomingDataTotal, outgoingDataTotal;
    enet_uint32 lastSendTime, lastReceiveTime, nextTimeout, earliestTimeout;
    enet_uint32 packetLossEpoch, packetsSent, packetsLost, packetLoss, packetLossVariance;
    enet_uint32 packetThrottle, packetThrottleLimit, packetThrottleCounter, packetThrottleEpoch;
    enet_uint32 packetThrottleAcceleration, packetThrottleDeceleration, packetThrottleInterval;
    enet_uint32 pingInterval, timeoutLimit, timeoutMinimum, timeoutMaximum;
    enet_uint32 lastRoundTripTime, lowestRoundTripTime, lastRoundTripTimeVariance;
    enet_uint32 highestRoundTripTimeVariance, roundTripTime, roundTripTimeVariance;
    enet_uint32 mtu, windowSize, reliableDataInTransit;
    enet_uint16 outgoingReliableSequenceNumber;
    ENetList acknowledgements;
    ENetList sentReliableCommands;
    ENetList outgoingCommands;
    ENetList dispatchedCommands;
    enet_uint16 flags, reserved, incomingUnsequencedGroup, outgoingUnsequencedGroup;
    enet_uint32 unsequencedWindow[1024 / 32];
    enet_uint32 eventData;
    size_t totalWaitingData;
} ENetPeer;

typedef struct { ENetPeer *peers; size_t peerCount; enet_uint32 serviceTime; size_t packetSize; } ENetHost;

static int enet_protocol_send_outgoing_commands(ENetHost *host, int checkForTimeouts) {
    int sent = 0;
    for (ENetPeer *currentPeer = host->peers; currentPeer < &host->peers[host->peerCount]; ++currentPeer) {
        if (currentPeer->state == ENET_PEER_STATE_DISCONNECTED || currentPeer->state == ENET_PEER_STATE_ZOMBIE)
            continue;
        if (!enet_list_empty(&currentPeer->acknowledgements))
            sent++;
        if (checkForTimeouts && !enet_list_empty(&currentPeer->sentReliableCommands) &&
            host->serviceTime >= currentPeer->nextTimeout)
            currentPeer->state = ENET_PEER_STATE_ZOMBIE;
        if (enet_list_empty(&currentPeer->outgoingCommands) && enet_list_empty(&currentPeer->sentReliableCommands) &&
            host->serviceTime - currentPeer->lastReceiveTime >= currentPeer->pingInterval &&
            currentPeer->mtu - host->packetSize >= 4)
            sent++;
        if (currentPeer->packetLossEpoch == 0)
            currentPeer->packetLossEpoch = host->serviceTime;
        else if (host->serviceTime - currentPeer->packetLossEpoch >= 10000 && currentPeer->packetsSent > 0)
            currentPeer->packetLossEpoch = host->serviceTime;
    }
    return sent;
}

static void enet_list_clear(ENetList *list) { list->sentinel.next = list->sentinel.previous = &list->sentinel; }

int main(void) {
    ENetHost host = {calloc(4095, sizeof(ENetPeer)), 4095, 0, 0};
    for (size_t i = 0; i < host.peerCount; i++) {
        ENetPeer *peer = &host.peers[i];
        enet_list_clear(&peer->acknowledgements);
        enet_list_clear(&peer->sentReliableCommands);
        enet_list_clear(&peer->outgoingCommands);
        enet_list_clear(&peer->dispatchedCommands);
        peer->state = ENET_PEER_STATE_CONNECTED;
        peer->pingInterval = 500;
        peer->mtu = 1400;
    }
    int total = 0;
    for (host.serviceTime = 1; host.serviceTime < 60000; host.serviceTime += 16)
        total += enet_protocol_send_outgoing_commands(&host, 1);
    return total < 0;
}
