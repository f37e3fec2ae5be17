import Descent
