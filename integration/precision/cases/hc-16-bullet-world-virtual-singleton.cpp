// check: layout-hot-cold
// expect: quiet
// source: Bullet src/BulletDynamics/Dynamics/btDiscreteDynamicsWorld.h/.cpp btDiscreteDynamicsWorld::stepSimulation / integrateTransforms, called through btDynamicsWorld* (virtual) from the app's frame loop
// why: the world's hot members (local time, fixed step, gravity, body list) are spread among debug/constraint/user fields and reached through virtual calls, but there is one world per simulation; its hot lines stay cached
#include <string>
#include <vector>

struct btVector3 { float x, y, z, w; };
struct btRigidBody { btVector3 pos, vel; float invMass; };

class btDynamicsWorld {
 public:
  virtual ~btDynamicsWorld() = default;
  virtual int stepSimulation(float timeStep, int maxSubSteps, float fixedTimeStep) = 0;
  virtual void setGravity(const btVector3& gravity) = 0;
};

class btDiscreteDynamicsWorld final : public btDynamicsWorld {
 public:
  void addRigidBody(btRigidBody* body) { m_nonStaticRigidBodies.push_back(body); }
  void setGravity(const btVector3& gravity) override { m_gravity = gravity; }

  int stepSimulation(float timeStep, int maxSubSteps, float fixedTimeStep) override {
    int numSimulationSubSteps = 0;
    m_fixedTimeStep = fixedTimeStep;
    m_localTime += timeStep;
    if (m_localTime >= fixedTimeStep) {
      numSimulationSubSteps = int(m_localTime / fixedTimeStep);
      m_localTime -= numSimulationSubSteps * fixedTimeStep;
    }
    if (numSimulationSubSteps > maxSubSteps) numSimulationSubSteps = maxSubSteps;
    for (int i = 0; i < numSimulationSubSteps; i++) integrateTransforms(m_fixedTimeStep);
    return numSimulationSubSteps;
  }

 private:
  void integrateTransforms(float dt) {
    for (btRigidBody* body : m_nonStaticRigidBodies) {
      if (body->invMass == 0) continue;
      body->vel.y += m_gravity.y * dt;
      body->pos.x += body->vel.x * dt;
      body->pos.y += body->vel.y * dt;
      body->pos.z += body->vel.z * dt;
    }
  }

  float m_localTime = 0;
  void* m_debugDrawer = nullptr;
  std::vector<void*> m_constraints;
  std::vector<void*> m_actions;
  std::string m_worldName = "world";
  void* m_worldUserInfo = nullptr;
  bool m_synchronizeAllMotionStates = false;
  bool m_applySpeculativeContactRestitution = false;
  int m_profileTimings = 0;
  float m_fixedTimeStep = 1.0f / 60.0f;
  std::vector<void*> m_predictiveManifolds;
  void* m_solverIslandCallback = nullptr;
  btVector3 m_gravity{0, -10, 0, 0};
  std::vector<btRigidBody*> m_nonStaticRigidBodies;
};

int main() {
  std::vector<btRigidBody> bodies(2000, btRigidBody{{0, 10, 0, 0}, {1, 0, 0, 0}, 1.0f});
  btDynamicsWorld* world = new btDiscreteDynamicsWorld;
  for (btRigidBody& b : bodies) static_cast<btDiscreteDynamicsWorld*>(world)->addRigidBody(&b);
  world->setGravity(btVector3{0, -9.81f, 0, 0});
  for (int frame = 0; frame < 100000; ++frame) world->stepSimulation(1.0f / 60.0f, 1, 1.0f / 60.0f);
  delete world;
}
