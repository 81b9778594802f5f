// check: layout-hot-cold
// expect: report
// record: b2Body
// source: Box2D v2.4 include/box2d/b2_body.h b2Body + src/dynamics/b2_island.cpp b2Island::Solve (velocity integration over every body each step; Box2D v3 later split it into b2BodySim/b2BodyState)
// why: every step integrates every body reading sweep, velocities, force/torque and mass/damping; those sit at both ends of the 184-byte b2Body around the world/list/fixture pointers, three lines where two would do
#include <cmath>

struct b2Vec2 { float x, y; };
struct b2Rot { float s, c; };
struct b2Transform { b2Vec2 p; b2Rot q; };
struct b2Sweep { b2Vec2 localCenter, c0, c; float a0, a, alpha0; };
struct b2Fixture;
struct b2World;

enum b2BodyType { b2_staticBody = 0, b2_kinematicBody, b2_dynamicBody };

class b2Body {
 public:
  b2BodyType m_type = b2_dynamicBody;
  unsigned short m_flags = 0;
  int m_islandIndex = 0;
  b2Transform m_xf{};
  b2Sweep m_sweep{};
  b2Vec2 m_linearVelocity{};
  float m_angularVelocity = 0;
  b2Vec2 m_force{};
  float m_torque = 0;
  b2World* m_world = nullptr;
  b2Body* m_prev = nullptr;
  b2Body* m_next = nullptr;
  b2Fixture* m_fixtureList = nullptr;
  int m_fixtureCount = 0;
  void* m_jointList = nullptr;
  void* m_contactList = nullptr;
  float m_mass = 1, m_invMass = 1;
  float m_I = 1, m_invI = 1;
  float m_linearDamping = 0;
  float m_angularDamping = 0;
  float m_gravityScale = 1;
  float m_sleepTime = 0;
  void* m_userData = nullptr;
};

struct b2World {
  b2Body* m_bodyList = nullptr;
  int m_bodyCount = 0;
  b2Vec2 m_gravity{0, -10};

  b2Body* CreateBody() {
    b2Body* b = new b2Body;
    b->m_world = this;
    b->m_next = m_bodyList;
    if (m_bodyList) m_bodyList->m_prev = b;
    m_bodyList = b;
    ++m_bodyCount;
    return b;
  }

  void SolveVelocities(float h) {
    for (b2Body* b = m_bodyList; b; b = b->m_next) {
      b->m_sweep.c0 = b->m_sweep.c;
      b->m_sweep.a0 = b->m_sweep.a;
      if (b->m_type != b2_dynamicBody) continue;
      b2Vec2 v = b->m_linearVelocity;
      float w = b->m_angularVelocity;
      v.x += h * b->m_invMass * (b->m_gravityScale * b->m_mass * m_gravity.x + b->m_force.x);
      v.y += h * b->m_invMass * (b->m_gravityScale * b->m_mass * m_gravity.y + b->m_force.y);
      w += h * b->m_invI * b->m_torque;
      v.x *= 1.0f / (1.0f + h * b->m_linearDamping);
      v.y *= 1.0f / (1.0f + h * b->m_linearDamping);
      w *= 1.0f / (1.0f + h * b->m_angularDamping);
      b->m_sweep.c.x += h * v.x;
      b->m_sweep.c.y += h * v.y;
      b->m_sweep.a += h * w;
      b->m_linearVelocity = v;
      b->m_angularVelocity = w;
      b->m_force = b2Vec2{0, 0};
      b->m_torque = 0;
    }
  }
};

int main() {
  b2World world;
  for (int i = 0; i < 5000; ++i) world.CreateBody()->m_sweep.c = b2Vec2{float(i % 100), float(i / 100)};
  for (int step = 0; step < 600; ++step) world.SolveVelocities(1.0f / 60.0f);
  return std::isfinite(world.m_bodyList->m_sweep.c.y) ? 0 : 1;
}
